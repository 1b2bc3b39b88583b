# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/migrations/__init__.py (0 bytes in the original; not its content)
