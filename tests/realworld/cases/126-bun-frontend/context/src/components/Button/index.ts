// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/components/Button/index.ts (26 bytes in the original; not its content)
