# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-06-17-200424_create_auth_requests_table/down.sql (0 bytes in the original; not its content)
