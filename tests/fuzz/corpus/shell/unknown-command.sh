nosuch arg; echo $?
