# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/barcodes.py (19470 bytes in the original; not its content)
