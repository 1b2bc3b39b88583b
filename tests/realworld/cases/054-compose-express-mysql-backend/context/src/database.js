// layerlab realworld stub of docker/awesome-compose:react-express-mysql/backend/src/database.js (145 bytes in the original; not its content)
// 