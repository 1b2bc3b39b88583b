for x in '*' a; do case "$x" in '*') echo star;; *) echo other;; esac; done
