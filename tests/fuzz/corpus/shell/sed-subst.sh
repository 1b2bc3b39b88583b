sed 's/a/A/' f.txt; sed 's/a/A/g' f.txt; sed -n 's/beta/B/p' f.txt; sed 's/\(t\)\(w\)/\2\1/' g.txt
