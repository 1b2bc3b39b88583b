# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/app/__init__.py (0 bytes in the original; not its content)
