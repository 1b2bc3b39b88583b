find / -name "*.sh" -exec cat {} + ; find /w -type f -delete; ls -R /w
