# a lower name replaced by another type of entry
rm /data/a.txt && mkdir /data/a.txt && echo inside > /data/a.txt/f
rm -rf /data/sub/deep && echo now-a-file > /data/sub/deep
rm /data/a.link && echo plain > /data/a.link
rmdir /data/empty && ln -s sub /data/empty
stat -c "%F %n" /data/* /data/sub/*
