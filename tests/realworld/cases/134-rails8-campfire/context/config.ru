# layerlab realworld stub of basecamp/once-campfire:config.ru (180 bytes in the original; not its content)
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
# s