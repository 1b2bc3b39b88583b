dd if=/dev/zero of=w/g.txt bs=1 count=1 conv=notrunc 2>/dev/null
