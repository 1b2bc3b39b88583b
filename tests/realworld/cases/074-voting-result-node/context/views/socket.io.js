// layerlab realworld stub of dockersamples/example-voting-app:result/views/socket.io.js (49690 bytes in the original; not its content)
