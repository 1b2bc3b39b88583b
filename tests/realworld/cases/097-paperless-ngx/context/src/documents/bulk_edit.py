# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/bulk_edit.py (38396 bytes in the original; not its content)
