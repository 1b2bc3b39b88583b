echo x > nodir/x; echo $?; cat < nofile; echo $?; echo y > dir; echo $?
