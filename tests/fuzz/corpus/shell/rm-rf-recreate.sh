rm -rf w/dir && mkdir w/dir && echo n > w/dir/n
