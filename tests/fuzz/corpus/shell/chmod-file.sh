chmod 600 w/f.txt
