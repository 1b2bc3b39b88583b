# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/management/__init__.py (0 bytes in the original; not its content)
