chown 1000:1000 w/f.txt
