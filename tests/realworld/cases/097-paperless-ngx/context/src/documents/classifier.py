# layerlab realworld stub of paperless-ngx/paperless-ngx:src/documents/classifier.py (22129 bytes in the original; not its content)
