// layerlab realworld stub of LukeMathWalker/zero-to-production:tests/api/test_user.rs (1 bytes in the original; not its content)
