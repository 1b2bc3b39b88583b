export FOO=bar; env | grep FOO; sh -c 'echo $FOO'; BAR=1 sh -c 'echo $BAR'; echo "[$BAR]"
