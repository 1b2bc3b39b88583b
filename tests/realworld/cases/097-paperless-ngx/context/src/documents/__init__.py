# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/__init__.py (118 bytes in the original; not its content)
