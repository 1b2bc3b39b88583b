// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/providers/AuthProvider/index.ts (57 bytes in the original; not its content)
