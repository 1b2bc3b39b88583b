// layerlab realworld stub of LukeMathWalker/zero-to-production:src/authentication/mod.rs (185 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
//