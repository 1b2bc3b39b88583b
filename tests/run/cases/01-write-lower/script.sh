# writes to lower files copy them up (the parent directories come up as metadata)
echo more >> /data/a.txt
echo replaced > /data/b.txt
: > /data/sub/c.txt
: >> /srv/app/lib/l.so
cat /data/a.txt /data/b.txt
wc -c /data/sub/c.txt
