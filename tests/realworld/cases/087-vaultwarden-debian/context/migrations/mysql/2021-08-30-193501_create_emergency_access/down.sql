# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-08-30-193501_create_emergency_access/down.sql (29 bytes in the original; not its content)
