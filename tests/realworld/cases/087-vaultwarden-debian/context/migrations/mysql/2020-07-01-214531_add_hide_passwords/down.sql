# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-07-01-214531_add_hide_passwords/down.sql (0 bytes in the original; not its content)
