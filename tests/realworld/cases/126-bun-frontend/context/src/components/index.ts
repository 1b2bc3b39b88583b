// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/index.ts (84 bytes in the original; not its content)
