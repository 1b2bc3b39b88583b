# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/management/commands/document_consumer.py (25545 bytes in the original; not its content)
