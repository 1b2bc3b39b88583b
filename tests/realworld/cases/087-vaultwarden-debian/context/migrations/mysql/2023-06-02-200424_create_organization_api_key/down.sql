# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-06-02-200424_create_organization_api_key/down.sql (0 bytes in the original; not its content)
