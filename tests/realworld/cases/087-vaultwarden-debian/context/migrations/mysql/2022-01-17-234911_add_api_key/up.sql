# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2022-01-17-234911_add_api_key/up.sql (51 bytes in the original; not its content)
