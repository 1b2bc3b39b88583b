# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/locations/choices.py (187 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub