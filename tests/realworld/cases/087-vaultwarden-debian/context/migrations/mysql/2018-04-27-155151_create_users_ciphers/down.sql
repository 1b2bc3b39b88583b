# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-04-27-155151_create_users_ciphers/down.sql (0 bytes in the original; not its content)
