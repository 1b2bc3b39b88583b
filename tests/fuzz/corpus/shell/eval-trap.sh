eval 'x=5; echo $x'; trap 'echo bye' EXIT; echo hi
