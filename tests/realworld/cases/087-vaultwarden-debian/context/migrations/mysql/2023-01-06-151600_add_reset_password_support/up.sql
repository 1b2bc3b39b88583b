# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-01-06-151600_add_reset_password_support/up.sql (68 bytes in the original; not its content)
