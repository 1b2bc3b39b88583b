// layerlab realworld stub of docker/getting-started:app/src/routes/deleteItem.js (146 bytes in the original; not its content)
// stub
// stub
// 