# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/models.py (54108 bytes in the original; not its content)
