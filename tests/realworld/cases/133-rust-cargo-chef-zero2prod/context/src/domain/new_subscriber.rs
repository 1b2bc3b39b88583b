// layerlab realworld stub of LukeMathWalker/zero-to-production:src/domain/new_subscriber.rs (205 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 