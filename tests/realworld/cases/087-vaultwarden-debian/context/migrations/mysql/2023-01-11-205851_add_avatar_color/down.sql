# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-01-11-205851_add_avatar_color/down.sql (0 bytes in the original; not its content)
