# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-05-25-232323_update_attachments_reference/down.sql (0 bytes in the original; not its content)
