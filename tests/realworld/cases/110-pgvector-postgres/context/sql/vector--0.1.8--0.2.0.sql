# layerlab realworld stub of pgvector/pgvector:sql/vector--0.1.8--0.2.0.sql (153 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# st