# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-07-11-181453_create_u2f_twofactor/down.sql (170 bytes in the original; not its content)
# stub
