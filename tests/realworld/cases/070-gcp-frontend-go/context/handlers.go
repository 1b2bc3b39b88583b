// layerlab realworld stub of GoogleCloudPlatform/microservices-demo:src/frontend/handlers.go (19992 bytes in the original; not its content)
