// layerlab realworld stub of vercel/next.js:examples/with-docker/pages/api/hello.js (size not recorded; not its content)
