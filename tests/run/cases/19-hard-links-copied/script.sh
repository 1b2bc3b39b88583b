# tar -c/-x, cp -a, cp -r and mv across EXDEV keep hard links (busybox tracks inodes); plain cp does not
tar -cf /tmp/d.tar -C /data . && mkdir /ex && tar -xf /tmp/d.tar -C /ex && rm /tmp/d.tar
cp -a /data /copy-a
cp -r /data/. /copy-r
cp /data/a.txt /data/a.hard /srv/
mv /data /data2
stat -c "%h %n" /ex/a.txt /copy-a/a.hard /copy-r/a.txt /srv/a.txt /data2/a.hard
