// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/login/mod.rs (66 bytes in the original; not its content)
