@start
echo port=8080 > /srv/app.conf
