# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/base/management/__init__.py (0 bytes in the original; not its content)
