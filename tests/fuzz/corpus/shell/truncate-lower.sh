truncate -s 0 w/f.txt
