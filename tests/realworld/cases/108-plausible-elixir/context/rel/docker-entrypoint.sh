# layerlab realworld stub of plausible/analytics:rel/docker-entrypoint.sh (size not recorded; not its content)
