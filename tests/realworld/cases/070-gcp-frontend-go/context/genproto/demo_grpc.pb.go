// layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/frontend/genproto/demo_grpc.pb.go (47595 bytes in the original; not its content)
