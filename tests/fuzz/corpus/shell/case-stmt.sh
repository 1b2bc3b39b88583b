for w in apple banana cherry 42; do case $w in a*) echo A;; b*|c*) echo BC;; [0-9]*) echo num;; esac; done
