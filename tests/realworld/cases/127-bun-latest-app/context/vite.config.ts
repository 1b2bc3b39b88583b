// layerlab realworld stub of jzilg/concert-diary-2:vite.config.ts (275 bytes in the original; not its content)
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
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 