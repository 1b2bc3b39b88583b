# layerlab realworld stub of mealie-recipes/mealie:mealie/assets/users/__init__.py (166 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# s