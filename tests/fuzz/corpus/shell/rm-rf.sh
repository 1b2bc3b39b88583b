rm -rf dir; mkdir dir; ls -a dir; rm -rf .; echo $?
