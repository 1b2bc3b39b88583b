# layerlab realworld stub of nextcloud/docker:33/apache/cron.sh (56 bytes in the original; not its content)
