mv w/dir/sub/b w/b2
