# layerlab realworld stub of docker/awesome-compose:apache-php/app/index.php (46 bytes in the original; not its content)
