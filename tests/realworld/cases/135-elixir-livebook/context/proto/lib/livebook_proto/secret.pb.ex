# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/secret.pb.ex (194 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# st