// layerlab realworld stub of vichannnnn/hima-blog-app:frontend/next.config.mjs (92 bytes in the original; not its content)
