// layerlab realworld stub of woogy9999/devops3:src/main/java/com/sist/web/Devops3Application.java (307 bytes in the original; not its content)
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