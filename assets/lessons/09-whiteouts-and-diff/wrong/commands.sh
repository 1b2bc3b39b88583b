rm /app/old.txt
rm /app/cache/a /app/cache/b
