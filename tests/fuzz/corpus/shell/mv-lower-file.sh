mv w/g.txt w/h.txt
