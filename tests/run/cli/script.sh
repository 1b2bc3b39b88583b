echo hello from $(pwd)
echo x > /etc/new
rm /etc/group
exit 5
