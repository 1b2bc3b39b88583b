// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/mod.rs (235 bytes in the original; not its content)
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
// s