# layerlab realworld stub of mealie-recipes/mealie:mealie/db/models/_all_models.py (108 bytes in the original; not its content)
