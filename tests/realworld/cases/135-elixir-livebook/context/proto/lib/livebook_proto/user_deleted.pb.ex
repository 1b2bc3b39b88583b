# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/user_deleted.pb.ex (169 bytes in the original; not its content)
# stub
# stub
# stub
# stub
#