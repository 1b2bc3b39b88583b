# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/management/commands/document_exporter.py (23275 bytes in the original; not its content)
