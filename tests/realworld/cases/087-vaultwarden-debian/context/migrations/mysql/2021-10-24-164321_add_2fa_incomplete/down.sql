# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-10-24-164321_add_2fa_incomplete/down.sql (33 bytes in the original; not its content)
