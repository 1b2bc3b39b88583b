// layerlab realworld stub of GoogleContainerTools/distroless:examples/cc/hello_cc.cc (108 bytes in the original; not its content)
