# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_app/__init__.py (0 bytes in the original; not its content)
