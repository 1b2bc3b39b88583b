echo green > /etc/app.conf
