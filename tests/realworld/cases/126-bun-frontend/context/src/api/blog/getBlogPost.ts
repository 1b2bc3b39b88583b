// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/blog/getBlogPost.ts (233 bytes in the original; not its content)
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
