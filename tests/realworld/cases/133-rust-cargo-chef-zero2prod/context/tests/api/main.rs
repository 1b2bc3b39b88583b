// layerlab realworld stub of LukeMathWalker/zero-to-production:tests/api/main.rs (161 bytes in the original; not its content)
// stub
// stub
// stub
// stub
//