mv g.txt moved; cat moved; mv nofile x; echo $?; mkdir m; mv moved m; ls m; mv dir dir/sub; echo $?
