# layerlab realworld stub of nextcloud/docker:33/fpm-alpine/config/upgrade-disable-web.config.php (60 bytes in the original; not its content)
