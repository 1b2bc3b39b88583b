chmod -R go-rwx w/dir
