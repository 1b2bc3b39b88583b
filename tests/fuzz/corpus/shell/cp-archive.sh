cp -a w/dir w/copy
