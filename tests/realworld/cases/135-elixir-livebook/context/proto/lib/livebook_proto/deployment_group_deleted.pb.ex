# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/deployment_group_deleted.pb.ex (203 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# 