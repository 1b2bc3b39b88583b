rmdir w/dir/sub || true
