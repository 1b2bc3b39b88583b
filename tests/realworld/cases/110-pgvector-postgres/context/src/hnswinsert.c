// layerlab realworld stub of pgvector/pgvector:src/hnswinsert.c (19986 bytes in the original; not its content)
