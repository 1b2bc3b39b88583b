// layerlab realworld stub of jzilg/concert-diary-2:react-router.config.ts (203 bytes in the original; not its content)
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