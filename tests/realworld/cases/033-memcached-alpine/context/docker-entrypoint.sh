# layerlab realworld stub of docker-library/memcached:1/alpine/docker-entrypoint.sh (124 bytes in the original; not its content)
