# layerlab realworld stub of mealie-recipes/mealie:mealie/core/dependencies/__init__.py (28 bytes in the original; not its content)
