# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_api/apps.py (151 bytes in the original; not its content)
# stub