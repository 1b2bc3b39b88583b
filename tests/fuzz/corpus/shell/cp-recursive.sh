cp -r dir d2; ls -a d2 d2/sub; cp -a link l2; ls -l l2 | cut -c1-10; readlink l2
