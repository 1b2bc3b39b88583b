# modes under the umask, chmod bits, cp -a of a lower tree, install of a new file
umask 027
mkdir /data/private && echo p > /data/private/p
umask 022
mkdir -m 1777 /data/public
cp -a /data/sub /data/sub-copy
cp /data/b.txt /data/b.copy
chmod 4755 /data/b.copy
chmod u-w /data/a.hard
stat -c "%a %h %s %n" /data/* /data/private/p
