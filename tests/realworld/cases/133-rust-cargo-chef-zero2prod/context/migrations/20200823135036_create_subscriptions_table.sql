# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20200823135036_create_subscriptions_table.sql (194 bytes in the original; not its content)
# stub
# stub
# stub
# stub
#