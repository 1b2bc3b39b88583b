# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2022-03-02-210038_update_devices_primary_key/down.sql (0 bytes in the original; not its content)
