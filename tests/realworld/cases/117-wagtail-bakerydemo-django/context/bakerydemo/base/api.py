# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/base/api.py (158 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
