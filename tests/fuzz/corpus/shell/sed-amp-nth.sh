sed 's/o/[&]/2' g.txt; sed 's/[aeiou]/<&>/g' g.txt
