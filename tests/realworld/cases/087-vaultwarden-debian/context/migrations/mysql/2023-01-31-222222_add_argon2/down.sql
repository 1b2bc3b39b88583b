# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-01-31-222222_add_argon2/down.sql (0 bytes in the original; not its content)
