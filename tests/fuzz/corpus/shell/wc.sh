wc f.txt; wc -l f.txt nonl; wc -c < f.txt; wc -w g.txt; cat g.txt | wc; wc -L f.txt
