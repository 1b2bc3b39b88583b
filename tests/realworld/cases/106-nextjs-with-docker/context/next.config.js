// layerlab realworld stub of vercel/next.js:examples/with-docker/next.config.js (size not recorded; not its content)
