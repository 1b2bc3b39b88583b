# layerlab realworld stub of pgvector/pgvector:sql/vector--0.1.1--0.1.3.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st