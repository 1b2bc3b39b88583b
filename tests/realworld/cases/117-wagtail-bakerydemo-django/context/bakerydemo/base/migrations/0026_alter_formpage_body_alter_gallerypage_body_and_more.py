# layerlab realworld stub of wagtail/bakerydemo:bakerydemo/base/migrations/0026_alter_formpage_body_alter_gallerypage_body_and_more.py (19495 bytes in the original; not its content)
