# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20220312175058_seed_user.sql (225 bytes in the original; not its content)
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
