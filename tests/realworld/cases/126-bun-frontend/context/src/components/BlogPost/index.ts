// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/BlogPost/index.ts (28 bytes in the original; not its content)
