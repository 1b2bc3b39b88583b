s=abcdef; n=0; while [ -n "$s" ]; do s=${s#?}; n=$((n+1)); done; echo $n
