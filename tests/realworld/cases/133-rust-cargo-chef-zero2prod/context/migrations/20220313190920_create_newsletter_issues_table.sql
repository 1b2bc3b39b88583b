# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20220313190920_create_newsletter_issues_table.sql (227 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# 