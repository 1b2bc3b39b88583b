# layerlab realworld stub of open-webui/open-webui:backend/open_webui/main.py (size not recorded; not its content)
