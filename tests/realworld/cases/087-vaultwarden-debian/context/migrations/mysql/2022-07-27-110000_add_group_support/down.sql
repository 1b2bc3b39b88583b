# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2022-07-27-110000_add_group_support/down.sql (76 bytes in the original; not its content)
