// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/admin/newsletter/mod.rs (92 bytes in the original; not its content)
