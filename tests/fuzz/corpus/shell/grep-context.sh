grep -A1 two g.txt; grep -B1 four g.txt
