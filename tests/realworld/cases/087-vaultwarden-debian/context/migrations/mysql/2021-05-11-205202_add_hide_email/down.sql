# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-05-11-205202_add_hide_email/down.sql (0 bytes in the original; not its content)
