# layerlab realworld stub of livebook-dev/livebook:lib/livebook/hubs/team_client.ex (42136 bytes in the original; not its content)
