# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2019-11-17-011009_add_email_verification/up.sql (347 bytes in the original; not its content)
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
# 