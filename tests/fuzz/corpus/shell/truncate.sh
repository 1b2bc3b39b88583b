truncate -s 5 t; wc -c < t; truncate -s 2 f.txt; cat f.txt; echo; truncate -s +3 f.txt; wc -c < f.txt; truncate -c -s 1 nothere; ls nothere
