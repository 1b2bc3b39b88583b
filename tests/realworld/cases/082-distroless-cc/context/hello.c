// layerlab realworld stub of GoogleContainerTools/distroless:examples/cc/hello.c (89 bytes in the original; not its content)
