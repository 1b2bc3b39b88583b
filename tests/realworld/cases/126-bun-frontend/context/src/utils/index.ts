// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/utils/index.ts (25 bytes in the original; not its content)
