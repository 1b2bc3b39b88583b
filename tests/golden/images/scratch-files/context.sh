#!/bin/sh
# Populates the build context ($1): git keeps neither modes nor hard links.
set -eu
cd "$1"
long=$(printf 'd%.0s' $(seq 120))
name=$(printf 'f%.0s' $(seq 200))
mkdir -p root/app/"$long" root/etc
printf 'print("hello")\n' > root/app/main.py; chmod 0644 root/app/main.py
printf '#!/bin/sh\necho run\n' > root/app/run.sh; chmod 0755 root/app/run.sh
printf 'secret\n' > root/app/secret; chmod 0600 root/app/secret
printf 'deep\n' > root/app/"$long"/"$name"
ln -s main.py root/app/link
printf 'same inode\n' > root/app/hard1; ln root/app/hard1 root/app/hard2
printf 'key=value\n' > root/etc/config; chmod 0640 root/etc/config
chmod 0750 root/etc
