# layerlab realworld stub of pgvector/pgvector:sql/vector--0.8.1--0.8.2.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st