// layerlab realworld stub of umami-software/umami:prisma.config.ts (161 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
