// layerlab realworld stub of docker/awesome-compose:react-express-mysql/frontend/src/setupTests.js (255 bytes in the original; not its content)
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
// stu