# layerlab realworld stub of LukeMathWalker/zero-to-production:migrations/20210307181858_add_status_to_subscriptions.sql (54 bytes in the original; not its content)
