head -n1 f.txt g.txt; tail -n1 -q f.txt g.txt
