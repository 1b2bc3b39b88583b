find dir | sort; find . -name '*.txt' | sort; find dir -type d | sort; find dir -type f -name b
