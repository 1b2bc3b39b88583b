# layerlab realworld stub of mealie-recipes/mealie:mealie/core/settings/static.py (149 bytes in the original; not its content)
# stub
# stub
# stub
#