# a directory made in the container and renamed into a directory that has lower layers becomes opaque
# (the kernel marks it so nothing below can show through); renamed inside a new directory it does not
mkdir -p /tmp/u/v && echo 1 > /tmp/u/v/f && mv /tmp/u/v /tmp/u/w
mkdir /data/nd && echo 2 > /data/nd/g && mv /data/nd /srv/nd
mkdir /newtop && mkdir /newtop/x && mv /newtop/x /newtop/y
mkdir /data/nd2 && mv /data/nd2 /newtop/nd2
find /tmp /srv /newtop | sort
