# chmod, chown and touch of lower entries copy them up without changing contents
chmod 640 /data/a.txt
chown 65534:65534 /data/sub/c.txt
touch /data/sub/deep/d.txt
chmod 700 /data/empty
chmod 750 /srv/app
stat -c "%a %u:%g %n" /data/* /data/sub/* /srv/app
