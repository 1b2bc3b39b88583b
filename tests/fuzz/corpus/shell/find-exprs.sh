find . -maxdepth 1 -type l | sort; find dir ! -name '*a*' | sort; find . -name f.txt -o -name g.txt | sort; find . -empty | sort
