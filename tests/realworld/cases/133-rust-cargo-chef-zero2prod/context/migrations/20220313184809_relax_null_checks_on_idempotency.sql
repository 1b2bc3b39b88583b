# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20220313184809_relax_null_checks_on_idempotency.sql (207 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
#