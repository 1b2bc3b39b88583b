# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-02-18-125735_push_uuid_table/down.sql (0 bytes in the original; not its content)
