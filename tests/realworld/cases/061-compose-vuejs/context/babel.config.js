// layerlab realworld stub of docker/awesome-compose:vuejs/vuejs/babel.config.js (73 bytes in the original; not its content)
