# layerlab realworld stub of docker/awesome-compose:django/app/example/__init__.py (0 bytes in the original; not its content)
