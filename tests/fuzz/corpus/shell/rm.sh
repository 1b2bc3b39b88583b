rm f.txt; ls f.txt; rm dir; echo $?; rm -r dir nofile; echo $?; rm -f nofile; echo $?; ls -d dir
