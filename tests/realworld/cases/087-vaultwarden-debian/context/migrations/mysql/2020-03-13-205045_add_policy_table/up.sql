# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2020-03-13-205045_add_policy_table/up.sql (258 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# s