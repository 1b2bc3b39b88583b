// layerlab realworld stub of jzilg/concert-diary-2:app/entities/MostSeenBand.ts (134 bytes in the original; not its content)
// stub
