// layerlab realworld stub of jzilg/concert-diary-2:app/db/index.ts (26 bytes in the original; not its content)
