ls -lh f.txt; ls -s f.txt empty; ls -la dir
