// layerlab realworld stub of LukeMathWalker/zero-to-production:src/domain/mod.rs (187 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// s