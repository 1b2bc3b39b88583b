// layerlab realworld stub of pgvector/pgvector:src/halfvec.c (25837 bytes in the original; not its content)
