// layerlab realworld stub of vercel/next.js:examples/with-docker/pages/index.js (size not recorded; not its content)
