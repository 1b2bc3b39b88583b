# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210822143736_rename_password_column.sql (52 bytes in the original; not its content)
