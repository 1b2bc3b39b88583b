cat f.txt nonl; echo; cat -n g.txt; cat nofile; echo $?
