# the status of the last command is the container exit status; what ran before stays
echo before > /data/before.txt
rm /data/b.txt
cat /data/missing.txt
echo "status was $?"
mkdir /data/sub 2>&1 || echo "mkdir failed"
rmdir /data/sub 2>&1
exit 3
