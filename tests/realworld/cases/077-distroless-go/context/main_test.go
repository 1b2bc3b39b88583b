// layerlab realworld stub of GoogleContainerTools/distroless:examples/go/main_test.go (66 bytes in the original; not its content)
