# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/migrations/0003_remove_document_storage_type.py (327 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# 