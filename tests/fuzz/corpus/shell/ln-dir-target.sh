mkdir ld; ln -s ../f.txt ld; ls ld; cat ld/f.txt | head -1
