# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-08-27-172114_update_ciphers/up.sql (61 bytes in the original; not its content)
