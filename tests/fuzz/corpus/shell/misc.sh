uname; uname -s -m; expr 1 + 2; expr 5 \* 3; expr length hello; expr abc : 'a\(.\)'; expr 1 / 0; echo $?; which sh; which nope; echo $?
