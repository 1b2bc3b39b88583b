// layerlab realworld stub of pgvector/pgvector:src/sparsevec.c (27502 bytes in the original; not its content)
