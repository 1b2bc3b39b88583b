while read a b; do echo "$b:$a"; done < words
