// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/src/utils/forms/index.ts (30 bytes in the original; not its content)
