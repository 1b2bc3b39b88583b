# layerlab realworld stub of astral-sh/uv-docker-example:src/uv_docker_example/__init__.py (144 bytes in the original; not its content)
# stub
#