# layerlab realworld stub of pgvector/pgvector:sql/vector--0.2.5--0.2.6.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st