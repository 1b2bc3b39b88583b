// layerlab realworld stub of jzilg/concert-diary-2:app/db/db.ts (163 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// st