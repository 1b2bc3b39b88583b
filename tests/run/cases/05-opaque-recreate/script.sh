# a lower directory deleted and made again is opaque: the lower contents stay hidden
rm -rf /data/sub && mkdir /data/sub && echo new > /data/sub/new.txt
rmdir /data/empty && mkdir -m 0700 /data/empty
rm -rf /srv/app && mkdir -p /srv/app/lib && echo v2 > /srv/app/lib/l.so
find /data /srv | sort
