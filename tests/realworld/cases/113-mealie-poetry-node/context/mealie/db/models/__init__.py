# layerlab realworld stub of mealie-recipes/mealie:mealie/db/models/__init__.py (0 bytes in the original; not its content)
