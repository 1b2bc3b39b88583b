# layerlab realworld stub of pgvector/pgvector:sql/vector--0.8.0--0.8.1.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st