// layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/frontend/genproto/demo.pb.go (89615 bytes in the original; not its content)
