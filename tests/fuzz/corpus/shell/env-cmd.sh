env -i A=1 B=2; env -i C=3 sh -c 'echo $C'; env | grep -c PATH
