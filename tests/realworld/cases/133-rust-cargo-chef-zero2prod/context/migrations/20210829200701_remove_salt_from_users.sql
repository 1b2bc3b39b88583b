# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210829200701_remove_salt_from_users.sql (36 bytes in the original; not its content)
