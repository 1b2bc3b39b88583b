mv w/f.txt w/g.txt
