echo welcome > /etc/motd
