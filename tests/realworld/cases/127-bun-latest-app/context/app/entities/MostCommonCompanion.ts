// layerlab realworld stub of jzilg/concert-diary-2:app/entities/MostCommonCompanion.ts (121 bytes in the original; not its content)
