# layerlab realworld stub of mealie-recipes/mealie:mealie/db/models/recipe/ingredient.py (18049 bytes in the original; not its content)
