// layerlab realworld stub of jzilg/concert-diary-2:reset.d.ts (36 bytes in the original; not its content)
