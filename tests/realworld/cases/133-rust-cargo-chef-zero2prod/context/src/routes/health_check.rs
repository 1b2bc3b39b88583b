// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/health_check.rs (110 bytes in the original; not its content)
