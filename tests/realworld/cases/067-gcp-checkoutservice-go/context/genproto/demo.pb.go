// layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/checkoutservice/genproto/demo.pb.go (89615 bytes in the original; not its content)
