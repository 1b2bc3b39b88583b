# layerlab realworld stub of narbek-abd/comfort_backend:resources/views/welcome.blade.php (18386 bytes in the original; not its content)
