# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-11-27-152651_add_att_key_columns/down.sql (0 bytes in the original; not its content)
