umask; umask 027; umask; touch um; ls -l um | cut -c1-10; mkdir umd; ls -ld umd | cut -c1-10; umask -S
