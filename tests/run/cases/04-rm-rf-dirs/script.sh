# rm -rf of lower directories: one whiteout each, nothing below
rm -rf /data/sub
rm -rf /srv/app/lib
rmdir /data/empty
ls -a /data /srv/app
