touch w/dir/sub/b
