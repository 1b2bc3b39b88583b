# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-12-09-173101_add_stamp_exception/down.sql (0 bytes in the original; not its content)
