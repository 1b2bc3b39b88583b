# rename(2) of a lower directory fails with EXDEV: busybox mv copies the tree and removes the old one
mv /data/sub /data/moved
mv /srv/app/lib /lib2
mkdir /data/newdir && echo n > /data/newdir/n && mv /data/newdir /data/newdir2
find /data /lib2 | sort
