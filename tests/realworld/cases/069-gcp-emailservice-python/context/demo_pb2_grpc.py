# layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/emailservice/demo_pb2_grpc.py (30091 bytes in the original; not its content)
