// layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/checkoutservice/genproto/demo_grpc.pb.go (47595 bytes in the original; not its content)
