# what is created and removed in the same run leaves nothing; a lower file removed and re-created is just a file
mkdir -p /tmp/work/a/b && echo t > /tmp/work/a/b/t && rm -rf /tmp/work
echo scratch > /data/scratch.txt && rm /data/scratch.txt
rm /data/b.txt && echo again > /data/b.txt
touch /data/sub/tmp && mv /data/sub/tmp /data/sub/tmp2 && rm /data/sub/tmp2
ls /data /data/sub /tmp
