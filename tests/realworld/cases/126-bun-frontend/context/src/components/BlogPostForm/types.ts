// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/BlogPostForm/types.ts (65 bytes in the original; not its content)
