# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/matching.py (23354 bytes in the original; not its content)
