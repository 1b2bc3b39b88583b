// layerlab realworld stub of docker/awesome-compose:react-nginx/src/App.test.js (246 bytes in the original; not its content)
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
