# layerlab realworld stub of docker/awesome-compose:nginx-wsgi-flask/flask/wsgi.py (140 bytes in the original; not its content)
# stub
# stu