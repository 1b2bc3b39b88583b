mkdir -p w/dir/sub/new/deeper
