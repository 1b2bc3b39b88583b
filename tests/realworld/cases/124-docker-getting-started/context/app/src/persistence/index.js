// layerlab realworld stub of docker/getting-started:app/src/persistence/index.js (108 bytes in the original; not its content)
