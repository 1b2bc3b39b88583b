# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2022-01-17-234911_add_api_key/down.sql (0 bytes in the original; not its content)
