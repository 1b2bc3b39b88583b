# layerlab realworld stub of pgvector/pgvector:test/perl/PostgreSQL/Test/Cluster.pm (126 bytes in the original; not its content)
