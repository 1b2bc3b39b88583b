# layerlab realworld stub of mealie-recipes/mealie:alembic/versions/2022-02-21-19.56.24_6b0f5f32d602_initial_tables.py (41254 bytes in the original; not its content)
