// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/blog/getAllBlogPosts.ts (238 bytes in the original; not its content)
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
/