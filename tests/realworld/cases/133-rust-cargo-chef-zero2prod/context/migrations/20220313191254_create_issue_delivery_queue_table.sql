# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20220313191254_create_issue_delivery_queue_table.sql (216 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# 