// layerlab realworld stub of LukeMathWalker/zero-to-production:src/idempotency/mod.rs (183 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// 