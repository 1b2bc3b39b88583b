cp -r w/dir/sub w/dir/sub2
