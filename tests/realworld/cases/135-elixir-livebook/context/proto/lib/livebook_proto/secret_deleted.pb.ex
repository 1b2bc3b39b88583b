# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/secret_deleted.pb.ex (175 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stu