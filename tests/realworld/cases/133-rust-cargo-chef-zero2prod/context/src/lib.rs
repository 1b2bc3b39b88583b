// layerlab realworld stub of LukeMathWalker/zero-to-production:src/lib.rs (227 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 