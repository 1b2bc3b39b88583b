sed -i -e 1d w/dir/a
