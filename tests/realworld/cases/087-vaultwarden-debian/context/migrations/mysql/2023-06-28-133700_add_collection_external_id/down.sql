# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-06-28-133700_add_collection_external_id/down.sql (0 bytes in the original; not its content)
