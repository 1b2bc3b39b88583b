# layerlab realworld stub of livebook-dev/livebook:lib/livebook/live_markdown/import.ex (25371 bytes in the original; not its content)
