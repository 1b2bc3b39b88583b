// layerlab realworld stub of docker/awesome-compose:react-nginx/src/setupTests.js (241 bytes in the original; not its content)
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