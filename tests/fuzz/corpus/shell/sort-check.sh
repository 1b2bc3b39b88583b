sort -c g.txt; echo $?; sort -c nums; echo $?
