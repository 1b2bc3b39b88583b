# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-09-19-144557_add_kdf_columns/down.sql (0 bytes in the original; not its content)
