// layerlab realworld stub of lemuz/tutorial-app:src/test/java/com/redhat/developers/HelloResourceIT.java (221 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stu