# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/scripts/prestart.sh (183 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# s