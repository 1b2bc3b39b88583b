// layerlab realworld stub of docker/getting-started:app/src/routes/addItem.js (270 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
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