# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_api/admin.py (111 bytes in the original; not its content)
