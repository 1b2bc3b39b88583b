i=3; [ $((i % 2)) -eq 1 ] && echo odd; echo $((i > 2 ? 10 : 20))
