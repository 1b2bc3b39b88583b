# layerlab realworld stub of pgvector/pgvector:sql/vector--0.5.0--0.5.1.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st