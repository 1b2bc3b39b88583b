# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-09-10-111213_add_invites/down.sql (23 bytes in the original; not its content)
