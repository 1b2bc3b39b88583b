# layerlab realworld stub of mealie-recipes/mealie:mealie/db/models/group/__init__.py (93 bytes in the original; not its content)
