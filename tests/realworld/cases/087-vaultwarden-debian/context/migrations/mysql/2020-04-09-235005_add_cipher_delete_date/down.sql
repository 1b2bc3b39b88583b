# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-04-09-235005_add_cipher_delete_date/down.sql (1 bytes in the original; not its content)
