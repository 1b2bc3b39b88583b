// layerlab realworld stub of pgvector/pgvector:src/hnswbuild.c (33128 bytes in the original; not its content)
