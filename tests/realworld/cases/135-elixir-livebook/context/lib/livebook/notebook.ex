# layerlab realworld stub of livebook-dev/livebook:lib/livebook/notebook.ex (32416 bytes in the original; not its content)
