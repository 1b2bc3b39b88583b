# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/management/commands/base.py (18623 bytes in the original; not its content)
