# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-06-01-112529_update_devices_twofactor_remember/down.sql (45 bytes in the original; not its content)
