# sed -i writes a temporary file and renames it over the original
sed -i s/y/why/ /data/sub/c.txt
sed -i -e 1d /data/sub/deep/d.txt
sed -i "s/one/ONE/" /data/a.hard
cat /data/sub/c.txt /data/a.txt /data/a.hard
