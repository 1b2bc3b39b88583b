# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/scripts/test.sh (144 bytes in the original; not its content)
# stub
# s