// layerlab realworld stub of docker/awesome-compose:react-express-mysql/frontend/src/setupProxy.js (235 bytes in the original; not its content)
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