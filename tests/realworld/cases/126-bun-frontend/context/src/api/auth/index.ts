// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/api/auth/index.ts (52 bytes in the original; not its content)
