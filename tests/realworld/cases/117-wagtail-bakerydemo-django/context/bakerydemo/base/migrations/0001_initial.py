# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/base/migrations/0001_initial.py (32913 bytes in the original; not its content)
