mv w/dir w/moved
