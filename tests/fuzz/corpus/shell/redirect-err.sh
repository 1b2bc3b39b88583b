ls nofile 2> e; cat e; ls nofile 2>&1 | cat; ls nofile 2>/dev/null; echo $?
