tar cf x.tar nofile; echo $?; tar xf nofile.tar; echo $?
