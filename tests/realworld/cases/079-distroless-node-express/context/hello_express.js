// layerlab realworld stub of GoogleContainerTools/distroless:examples/nodejs/node-express/hello_express.js (208 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub