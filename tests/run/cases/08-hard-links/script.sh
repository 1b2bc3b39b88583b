# hard links: copy-up breaks a lower pair; a new link to a lower file copies it up first
echo appended >> /data/a.hard
cat /data/a.txt /data/a.hard
ln /data/sub/c.txt /data/c.link
echo fresh > /data/new.txt && ln /data/new.txt /data/new.hard && echo more >> /data/new.hard
cat /data/new.txt
