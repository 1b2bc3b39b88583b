# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-09-10-111213_add_invites/up.sql (76 bytes in the original; not its content)
