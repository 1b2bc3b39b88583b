# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_api/migrations/__init__.py (0 bytes in the original; not its content)
