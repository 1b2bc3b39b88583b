cp w/f.txt w/g.txt
