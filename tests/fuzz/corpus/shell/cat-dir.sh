cat dir; echo $?
