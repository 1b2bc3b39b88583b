# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-09-01-170620_update_auth_request_table/down.sql (0 bytes in the original; not its content)
