# layerlab realworld stub of docker/awesome-compose:fastapi/app/main.py (109 bytes in the original; not its content)
