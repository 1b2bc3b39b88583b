# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/permissions.py (17079 bytes in the original; not its content)
