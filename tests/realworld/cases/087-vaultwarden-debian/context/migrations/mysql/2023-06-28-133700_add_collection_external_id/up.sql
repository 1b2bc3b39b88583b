# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-06-28-133700_add_collection_external_id/up.sql (53 bytes in the original; not its content)
