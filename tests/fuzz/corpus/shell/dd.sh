dd if=/dev/zero of=/big bs=1M count=1000 && du -h /big && truncate -s 10 /big
