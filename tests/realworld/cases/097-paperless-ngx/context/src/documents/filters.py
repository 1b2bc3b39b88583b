# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/filters.py (43874 bytes in the original; not its content)
