# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/scripts/lint.sh (97 bytes in the original; not its content)
