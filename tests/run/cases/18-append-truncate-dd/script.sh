# partial writes: append to a new file, dd into the middle of a lower file, truncate
printf abc >> /data/new.bin
printf XY | dd of=/data/sub/c.txt bs=1 seek=2 conv=notrunc 2>/dev/null
truncate -s 1 /data/a.txt
truncate -s 10 /data/b.txt
cat /data/sub/c.txt
wc -c /data/a.txt /data/b.txt /data/a.hard
