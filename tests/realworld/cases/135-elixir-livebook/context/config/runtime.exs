# layerlab realworld stub of livebook-dev/livebook:config/runtime.exs (200 bytes in the original; not its content)
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