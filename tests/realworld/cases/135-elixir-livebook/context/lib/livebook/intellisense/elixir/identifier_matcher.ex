# layerlab realworld stub of livebook-dev/livebook:lib/livebook/intellisense/elixir/identifier_matcher.ex (26197 bytes in the original; not its content)
