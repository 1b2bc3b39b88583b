# layerlab realworld stub of mealie-recipes/mealie:mealie/core/security/providers/__init__.py (125 bytes in the original; not its content)
