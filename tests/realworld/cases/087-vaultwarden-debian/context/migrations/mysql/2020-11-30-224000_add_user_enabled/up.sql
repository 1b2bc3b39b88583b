# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-11-30-224000_add_user_enabled/up.sql (65 bytes in the original; not its content)
