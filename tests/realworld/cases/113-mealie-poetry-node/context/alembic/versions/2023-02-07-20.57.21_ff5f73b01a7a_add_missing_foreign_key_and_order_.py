# layerlab realworld stub of mealie-recipes/mealie:alembic/versions/2023-02-07-20.57.21_ff5f73b01a7a_add_missing_foreign_key_and_order_.py (20631 bytes in the original; not its content)
