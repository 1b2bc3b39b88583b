# the image itself has whiteouts and an opaque directory; the container works on top of them
echo back > /data/b.txt
mkdir /data/sub/deep && echo d2 > /data/sub/deep/d2
rm /srv/app/v2
echo again > /srv/app/lib
ls -R /data /srv
