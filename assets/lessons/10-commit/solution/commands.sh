echo welcome > /etc/motd
@commit
