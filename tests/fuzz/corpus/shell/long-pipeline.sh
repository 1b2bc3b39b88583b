cat f.txt | grep a | sort | uniq -c | sort -rn | head -2
