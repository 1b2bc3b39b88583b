# layerlab realworld stub of jupyter/docker-stacks:images/base-notebook/start-singleuser.sh (158 bytes in the original; not its content)
# stub
# stub
# stub
