// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/index.ts (82 bytes in the original; not its content)
