# layerlab realworld stub of livebook-dev/livebook:lib/livebook/intellisense/python.ex (20326 bytes in the original; not its content)
