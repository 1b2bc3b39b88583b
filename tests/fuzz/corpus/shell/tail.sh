tail -n 2 f.txt; tail -n +3 g.txt; tail -c 4 f.txt; tail -1 nonl; echo; tail -n 1 g.txt nums
