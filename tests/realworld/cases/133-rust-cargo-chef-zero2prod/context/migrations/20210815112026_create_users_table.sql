# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210815112026_create_users_table.sql (141 bytes in the original; not its content)
