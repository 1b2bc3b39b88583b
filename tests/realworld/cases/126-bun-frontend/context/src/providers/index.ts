// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/providers/index.ts (70 bytes in the original; not its content)
