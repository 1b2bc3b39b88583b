# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/file_system_deleted.pb.ex (193 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# st