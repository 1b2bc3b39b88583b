// layerlab realworld stub of jzilg/concert-diary-2:app/logic/locations.ts (170 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
//