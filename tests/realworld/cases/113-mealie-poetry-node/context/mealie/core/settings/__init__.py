# layerlab realworld stub of mealie-recipes/mealie:mealie/core/settings/__init__.py (51 bytes in the original; not its content)
