// layerlab realworld stub of jzilg/concert-diary-2:app/helpers/todaysDate.ts (84 bytes in the original; not its content)
