find dir -type f -exec cat {} \; | sort; find dir -name a -exec echo found {} +; find . -path './dir/*' -prune -o -name b -print
