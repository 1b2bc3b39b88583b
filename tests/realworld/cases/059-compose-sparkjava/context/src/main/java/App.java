// layerlab realworld stub of docker/awesome-compose:sparkjava/sparkjava/src/main/java/App.java (177 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// s