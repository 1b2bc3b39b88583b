# layerlab realworld stub of jupyter/docker-stacks:images/base-notebook/start-notebook.sh (152 bytes in the original; not its content)
# stub
# stub
# s