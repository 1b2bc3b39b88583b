rm /app/old.txt
rm -rf /app/cache
mkdir /app/cache
