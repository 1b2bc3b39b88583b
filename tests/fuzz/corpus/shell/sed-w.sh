sed -n 's/o/0/w out' g.txt; cat out
