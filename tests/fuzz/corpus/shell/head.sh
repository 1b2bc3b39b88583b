head -n 2 f.txt; head -3 g.txt; head -c 5 f.txt; echo; head -n -4 f.txt; head g.txt nonl
