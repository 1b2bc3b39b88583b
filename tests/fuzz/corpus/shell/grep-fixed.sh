grep -F 'a b' f.txt; grep -e one -e three g.txt; grep -c '' f.txt
