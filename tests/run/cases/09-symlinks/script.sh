# symlinks: new ones (relative, absolute, dangling), a replaced lower link, writes through a link;
# chown -h of a lower link with an absolute target: docker diff says A (moby stats it on the host)
ln -s sub/c.txt /data/rel.link
ln -s /data/sub/deep /data/abs.link
ln -s nowhere /data/dangling
ln -sf b.txt /data/a.link
echo through >> /srv/current/lib/l.so
cat /data/a.link /srv/app/lib/l.so
readlink /data/a.link; readlink /srv/current
chown -h 1:1 /srv/current
