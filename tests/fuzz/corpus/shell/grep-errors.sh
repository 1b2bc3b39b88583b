grep zzz nofile; echo $?; grep -s zzz nofile; echo $?; grep zzz f.txt; echo $?
