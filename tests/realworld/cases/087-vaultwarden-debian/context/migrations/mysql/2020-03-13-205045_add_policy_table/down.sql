# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-03-13-205045_add_policy_table/down.sql (25 bytes in the original; not its content)
