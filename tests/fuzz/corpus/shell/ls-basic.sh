ls; ls -a dir; ls -A dir; ls -d dir; ls nofile; ls -1 dir
