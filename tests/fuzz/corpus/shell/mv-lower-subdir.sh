mv w/dir/sub w/sub
