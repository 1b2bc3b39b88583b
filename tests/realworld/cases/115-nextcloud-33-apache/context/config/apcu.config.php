# layerlab realworld stub of nextcloud/docker:33/apache/config/apcu.config.php (70 bytes in the original; not its content)
