grep a f.txt g.txt; grep -l e f.txt g.txt nonl; grep -L e f.txt g.txt nonl; grep -h o g.txt nonl
