rm w/g.txt
