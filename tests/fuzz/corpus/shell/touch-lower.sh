touch w/g.txt
