ls -F; ls -p dir; ls -R dir; ls -r; ls -S g.txt f.txt nums
