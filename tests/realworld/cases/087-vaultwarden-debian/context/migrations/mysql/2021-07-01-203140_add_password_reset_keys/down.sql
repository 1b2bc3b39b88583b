# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-07-01-203140_add_password_reset_keys/down.sql (0 bytes in the original; not its content)
