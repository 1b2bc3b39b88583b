rm -rf w/dir
