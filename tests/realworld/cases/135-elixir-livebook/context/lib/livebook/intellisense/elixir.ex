# layerlab realworld stub of livebook-dev/livebook:lib/livebook/intellisense/elixir.ex (17474 bytes in the original; not its content)
