# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2018-09-19-144557_add_kdf_columns/up.sql (178 bytes in the original; not its content)
# stub
# stub
# stub
#