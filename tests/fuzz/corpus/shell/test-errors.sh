[ 1 -eq a ]; echo $?; [ 1 -eq 1; echo $?; test a b c; echo $?
