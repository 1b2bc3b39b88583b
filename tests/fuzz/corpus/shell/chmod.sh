chmod 600 f.txt; ls -l f.txt | cut -c1-10; chmod u+x,g=r,o-r g.txt; ls -l g.txt | cut -c1-10; chmod -R go-rwx dir; ls -ld dir dir/a | cut -c1-10; chmod 999 f.txt; chmod 644 nofile
