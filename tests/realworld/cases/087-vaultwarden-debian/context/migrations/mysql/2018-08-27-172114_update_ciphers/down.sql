# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-08-27-172114_update_ciphers/down.sql (0 bytes in the original; not its content)
