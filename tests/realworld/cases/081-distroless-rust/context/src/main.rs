// layerlab realworld stub of GoogleContainerTools/distroless:examples/rust/src/main.rs (44 bytes in the original; not its content)
