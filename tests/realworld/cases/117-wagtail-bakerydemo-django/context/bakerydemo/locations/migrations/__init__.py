# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/locations/migrations/__init__.py (0 bytes in the original; not its content)
