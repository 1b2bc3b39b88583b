# layerlab realworld stub of pgvector/pgvector:sql/vector--0.7.1--0.7.2.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st