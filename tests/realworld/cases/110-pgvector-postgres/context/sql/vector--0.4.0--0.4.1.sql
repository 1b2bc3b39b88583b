# layerlab realworld stub of pgvector/pgvector:sql/vector--0.4.0--0.4.1.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st