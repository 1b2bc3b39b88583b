# layerlab realworld stub of nextcloud/docker:33/apache/config/upgrade-disable-web.config.php (60 bytes in the original; not its content)
