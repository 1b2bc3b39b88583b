# layerlab realworld stub of mealie-recipes/mealie:mealie/db/migration_types.py (145 bytes in the original; not its content)
# stub
# stub
# stub