# layerlab realworld stub of mealie-recipes/mealie:mealie/__init__.py (24 bytes in the original; not its content)
