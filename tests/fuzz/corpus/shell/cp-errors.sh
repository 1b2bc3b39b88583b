cp f.txt f.txt; echo $?; cp f.txt nodir/x; echo $?
