// layerlab realworld stub of narbek-abd/comfort_backend:resources/js/app.js (24 bytes in the original; not its content)
