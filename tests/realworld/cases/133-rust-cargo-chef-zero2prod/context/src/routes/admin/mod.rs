// layerlab realworld stub of LukeMathWalker/zero-to-production:src/routes/admin/mod.rs (163 bytes in the original; not its content)
// stub
// stub
// stub
// stu