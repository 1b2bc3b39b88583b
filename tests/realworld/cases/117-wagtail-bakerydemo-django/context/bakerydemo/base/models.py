# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/base/models.py (20556 bytes in the original; not its content)
