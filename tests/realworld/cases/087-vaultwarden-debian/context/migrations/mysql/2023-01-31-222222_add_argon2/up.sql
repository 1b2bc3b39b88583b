# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2023-01-31-222222_add_argon2/up.sql (160 bytes in the original; not its content)
# stub
# 