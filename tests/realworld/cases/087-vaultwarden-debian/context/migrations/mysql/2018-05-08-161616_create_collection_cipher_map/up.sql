# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-05-08-161616_create_collection_cipher_map/up.sql (215 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# st