chmod a=r,u+w nums; ls -l nums | cut -c1-10; chmod +x nums; ls -l nums | cut -c1-10; chmod g+s dir; ls -ld dir | cut -c1-10; chmod o+t dir; ls -ld dir | cut -c1-10
