// layerlab realworld stub of jzilg/concert-diary-2:app/helpers/dateRegEx.ts (79 bytes in the original; not its content)
