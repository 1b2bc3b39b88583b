// layerlab realworld stub of pgvector/pgvector:src/ivfbuild.c (31598 bytes in the original; not its content)
