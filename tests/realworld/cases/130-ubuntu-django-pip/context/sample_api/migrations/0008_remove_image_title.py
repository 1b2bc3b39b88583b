# layerlab realworld stub of Metabrixlab/3DAvatar_ReactDjango_Prod_DjangoBackend:sample_api/migrations/0008_remove_image_title.py (359 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# 