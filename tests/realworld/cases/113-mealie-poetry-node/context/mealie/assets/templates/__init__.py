# layerlab realworld stub of mealie-recipes/mealie:mealie/assets/templates/__init__.py (93 bytes in the original; not its content)
