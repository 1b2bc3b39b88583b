# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_api/tests.py (60 bytes in the original; not its content)
