# layerlab realworld stub of nextcloud/docker:33/fpm-alpine/cron.sh (56 bytes in the original; not its content)
