# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/migrations/0001_squashed.py (82523 bytes in the original; not its content)
