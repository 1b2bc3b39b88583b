// layerlab realworld stub of lemuz/tutorial-app:src/main/java/com/redhat/developers/HelloResource.java (328 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 