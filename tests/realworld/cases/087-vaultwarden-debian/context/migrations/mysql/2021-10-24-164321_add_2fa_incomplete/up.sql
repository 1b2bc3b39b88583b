# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-10-24-164321_add_2fa_incomplete/up.sql (267 bytes in the original; not its content)
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
# stub
# s