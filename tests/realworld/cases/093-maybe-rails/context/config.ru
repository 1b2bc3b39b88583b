# layerlab realworld stub of maybe-finance/maybe:config.ru (160 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
