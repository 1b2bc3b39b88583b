# layerlab realworld stub of docker/awesome-compose:nginx-wsgi-flask/nginx/start.sh (121 bytes in the original; not its content)
