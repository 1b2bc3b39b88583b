find . -maxdepth 1 -size +30c | sort; find . -maxdepth 1 -perm 0755 | sort; find . -maxdepth 1 -user app
