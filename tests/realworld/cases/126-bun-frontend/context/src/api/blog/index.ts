// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/blog/index.ts (193 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stu