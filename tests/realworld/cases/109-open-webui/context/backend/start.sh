# layerlab realworld stub of open-webui/open-webui:backend/start.sh (size not recorded; not its content)
