// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/auth/getUser.ts (204 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub