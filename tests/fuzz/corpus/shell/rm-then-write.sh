rm w/g.txt && echo back > w/g.txt
