// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/Typography/index.ts (85 bytes in the original; not its content)
