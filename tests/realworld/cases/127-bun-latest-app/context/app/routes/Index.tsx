// layerlab realworld stub of jzilg/concert-diary-2:app/routes/Index.tsx (193 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 