# layerlab realworld stub of docker-library/wordpress:cli/php8.3/alpine/docker-entrypoint.sh (307 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
#