# changes deep down list every parent directory as changed
mkdir -p /data/sub/deep/x/y/z
echo leaf > /data/sub/deep/x/y/z/leaf.txt
mkdir -p /usr/local/share/doc/new
echo doc > /usr/local/share/doc/new/README
echo x > /srv/app/lib/extra.so
find /data/sub/deep /usr/local | sort
