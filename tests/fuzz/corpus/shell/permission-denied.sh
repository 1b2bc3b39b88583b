cat appdir/mine; echo x > /etc/passwd; touch ro; rm /etc/group; mkdir /root/x; ls /root; cd /root; echo $?
