# renaming a lower file copies it up under the new name and whites out the old one
mv /data/a.txt /data/renamed.txt
mv /data/sub/c.txt /srv/c.txt
mv /data/b.txt /data/sub/deep/d.txt
mv /srv/current /srv/previous
cat /data/renamed.txt /data/sub/deep/d.txt; ls /data /srv
