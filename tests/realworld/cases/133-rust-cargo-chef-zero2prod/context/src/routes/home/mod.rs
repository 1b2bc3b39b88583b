// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/home/mod.rs (206 bytes in the original; not its content)
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