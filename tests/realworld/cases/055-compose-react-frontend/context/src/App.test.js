// layerlab realworld stub of docker/awesome-compose:react-express-mysql/frontend/src/App.test.js (280 bytes in the original; not its content)
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
/