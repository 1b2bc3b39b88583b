cp f.txt c1; cat c1; cp g.txt nonl dir; ls dir; cp nofile x; echo $?; cp dir x; echo $?
