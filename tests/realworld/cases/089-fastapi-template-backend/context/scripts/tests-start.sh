# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/scripts/tests-start.sh (93 bytes in the original; not its content)
