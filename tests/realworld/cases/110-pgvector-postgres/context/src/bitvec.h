// layerlab realworld stub of pgvector/pgvector:src/bitvec.h (105 bytes in the original; not its content)
