# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210307185410_create_subscription_tokens_table.sql (208 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# 