# layerlab realworld stub of fastapi/full-stack-fastapi-template:backend/tests/api/routes/test_users.py (16867 bytes in the original; not its content)
