# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-01-11-205851_add_avatar_color/up.sql (54 bytes in the original; not its content)
