# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2022-10-18-170602_add_events/down.sql (18 bytes in the original; not its content)
