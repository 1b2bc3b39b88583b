# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/scripts/format.sh (74 bytes in the original; not its content)
