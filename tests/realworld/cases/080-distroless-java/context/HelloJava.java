// layerlab realworld stub of GoogleContainerTools/distroless:examples/java/HelloJava.java (140 bytes in the original; not its content)
// s