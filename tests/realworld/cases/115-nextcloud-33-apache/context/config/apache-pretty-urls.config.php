# layerlab realworld stub of nextcloud/docker:33/apache/config/apache-pretty-urls.config.php (60 bytes in the original; not its content)
