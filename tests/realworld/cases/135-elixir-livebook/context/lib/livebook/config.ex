# layerlab realworld stub of livebook-dev/livebook:lib/livebook/config.ex (19457 bytes in the original; not its content)
