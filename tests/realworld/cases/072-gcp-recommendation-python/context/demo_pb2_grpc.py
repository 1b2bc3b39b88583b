# layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/recommendationservice/demo_pb2_grpc.py (30091 bytes in the original; not its content)
