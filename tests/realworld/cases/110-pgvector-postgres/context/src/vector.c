// layerlab realworld stub of pgvector/pgvector:src/vector.c (27956 bytes in the original; not its content)
