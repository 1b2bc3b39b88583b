grep -r B dir; grep -rl A . | sort
