for x in a1 b2 "c 3" '*'; do case "$x" in a*) echo A;; *[0-9]) echo N;; \*) echo S;; esac; done
