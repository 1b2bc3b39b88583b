dd if=/dev/urandom of=r bs=1024 count=4 2>/dev/null; wc -c < r
