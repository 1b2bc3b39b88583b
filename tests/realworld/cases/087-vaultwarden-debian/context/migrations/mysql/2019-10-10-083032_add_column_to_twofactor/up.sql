# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2019-10-10-083032_add_column_to_twofactor/up.sql (70 bytes in the original; not its content)
