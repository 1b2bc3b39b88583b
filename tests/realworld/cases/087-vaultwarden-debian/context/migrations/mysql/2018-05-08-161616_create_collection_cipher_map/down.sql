# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-05-08-161616_create_collection_cipher_map/down.sql (31 bytes in the original; not its content)
