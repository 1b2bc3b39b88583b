ls -l f.txt g.txt link; ls -ln appdir; ls -ld dir
