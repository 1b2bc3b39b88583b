# layerlab realworld stub of mealie-recipes/mealie:mealie/core/security/__init__.py (24 bytes in the original; not its content)
