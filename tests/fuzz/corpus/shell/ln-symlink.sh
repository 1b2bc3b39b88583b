ln -s f.txt w/sym
