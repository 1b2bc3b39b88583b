# layerlab realworld stub of pgvector/pgvector:sql/vector--0.8.4--0.8.5.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st