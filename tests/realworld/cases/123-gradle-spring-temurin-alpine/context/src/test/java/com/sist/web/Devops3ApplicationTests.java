// layerlab realworld stub of woogy9999/devops3:src/test/java/com/sist/web/Devops3ApplicationTests.java (205 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
