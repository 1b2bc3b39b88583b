# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/consumer.py (42774 bytes in the original; not its content)
