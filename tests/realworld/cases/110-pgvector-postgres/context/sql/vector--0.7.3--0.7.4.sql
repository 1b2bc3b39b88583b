# layerlab realworld stub of pgvector/pgvector:sql/vector--0.7.3--0.7.4.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st