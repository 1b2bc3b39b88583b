# layerlab realworld stub of docker/awesome-compose:fastapi/app/__init__.py (0 bytes in the original; not its content)
