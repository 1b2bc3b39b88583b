// layerlab realworld stub of docker/getting-started:app/src/routes/getItems.js (141 bytes in the original; not its content)
// stub
// stub
