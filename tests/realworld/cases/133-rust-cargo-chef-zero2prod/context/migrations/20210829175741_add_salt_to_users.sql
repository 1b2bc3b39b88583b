# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210829175741_add_salt_to_users.sql (49 bytes in the original; not its content)
