tar cf w/a.tar -C w dir && rm -rf w/dir && tar xf w/a.tar -C w && rm w/a.tar
