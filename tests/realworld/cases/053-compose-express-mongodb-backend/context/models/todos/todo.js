// layerlab realworld stub of docker/awesome-compose:react-express-mongodb/backend/models/todos/todo.js (224 bytes in the original; not its content)
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