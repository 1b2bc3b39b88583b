// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/BlogPostForm/index.ts (32 bytes in the original; not its content)
