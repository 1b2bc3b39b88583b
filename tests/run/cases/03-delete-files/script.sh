# deleting lower files and symlinks leaves whiteouts
rm /data/b.txt
rm /data/a.link
rm /data/sub/deep/d.txt
rm /srv/current
ls /data /data/sub/deep
