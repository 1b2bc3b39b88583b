// layerlab realworld stub of docker/getting-started:app/src/static/js/react-bootstrap.js (545877 bytes in the original; not its content)
