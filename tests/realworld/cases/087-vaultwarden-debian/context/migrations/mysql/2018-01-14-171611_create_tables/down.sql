# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-01-14-171611_create_tables/down.sql (105 bytes in the original; not its content)
