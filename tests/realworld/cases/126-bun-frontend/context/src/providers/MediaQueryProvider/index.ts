// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/providers/MediaQueryProvider/index.ts (38 bytes in the original; not its content)
