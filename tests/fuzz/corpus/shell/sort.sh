sort f.txt; sort -r g.txt; sort -n nums; sort -rn nums; sort -u dup
