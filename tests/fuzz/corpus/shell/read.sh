echo "a b c" | { read x y; echo "$x|$y"; }; read first < g.txt; echo $first
