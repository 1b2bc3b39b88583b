# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/agent_left.pb.ex (165 bytes in the original; not its content)
# stub
# stub
# stub
# stub