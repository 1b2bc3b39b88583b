// layerlab realworld stub of docker/awesome-compose:vuejs/vuejs/src/main.js (136 bytes in the original; not its content)
// stub
// stu