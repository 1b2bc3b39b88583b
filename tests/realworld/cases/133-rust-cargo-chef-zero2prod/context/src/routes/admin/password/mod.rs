// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/admin/password/mod.rs (85 bytes in the original; not its content)
