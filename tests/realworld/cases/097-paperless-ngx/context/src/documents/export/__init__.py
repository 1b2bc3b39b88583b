# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/export/__init__.py (0 bytes in the original; not its content)
