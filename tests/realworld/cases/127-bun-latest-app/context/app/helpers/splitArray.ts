// layerlab realworld stub of jzilg/concert-diary-2:app/helpers/splitArray.ts (146 bytes in the original; not its content)
// stub
// stub
// stub