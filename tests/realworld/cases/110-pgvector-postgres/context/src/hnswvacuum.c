// layerlab realworld stub of pgvector/pgvector:src/hnswvacuum.c (21832 bytes in the original; not its content)
