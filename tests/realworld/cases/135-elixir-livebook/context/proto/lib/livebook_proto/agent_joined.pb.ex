# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/agent_joined.pb.ex (184 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# 