# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-02-17-205753_create_collections_and_orgs/down.sql (116 bytes in the original; not its content)
