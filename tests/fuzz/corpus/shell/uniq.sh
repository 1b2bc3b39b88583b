uniq dup; uniq -c dup; uniq -d dup; uniq -u dup
