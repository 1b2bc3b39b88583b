# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-11-27-152651_add_att_key_columns/up.sql (55 bytes in the original; not its content)
