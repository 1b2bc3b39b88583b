// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/blog/deleteBlogPost.ts (239 bytes in the original; not its content)
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