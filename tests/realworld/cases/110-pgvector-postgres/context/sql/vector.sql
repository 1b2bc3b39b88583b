# layerlab realworld stub of pgvector/pgvector:sql/vector.sql (42850 bytes in the original; not its content)
