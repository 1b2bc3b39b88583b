# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/management/commands/document_importer.py (29080 bytes in the original; not its content)
