// layerlab realworld stub of pgvector/pgvector:src/hnswutils.c (33433 bytes in the original; not its content)
