# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-03-11-190243_add_sends/down.sql (18 bytes in the original; not its content)
