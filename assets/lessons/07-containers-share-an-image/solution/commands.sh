@start
@start
echo green > /etc/app.conf
