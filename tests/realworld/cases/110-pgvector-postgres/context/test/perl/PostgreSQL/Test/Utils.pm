# layerlab realworld stub of pgvector/pgvector:test/perl/PostgreSQL/Test/Utils.pm (51 bytes in the original; not its content)
