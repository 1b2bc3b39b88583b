# layerlab realworld stub of pgvector/pgvector:sql/vector--0.6.2--0.7.0.sql (20375 bytes in the original; not its content)
