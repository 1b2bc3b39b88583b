# layerlab realworld stub of livebook-dev/livebook:proto/.formatter.exs (125 bytes in the original; not its content)
# stub
#