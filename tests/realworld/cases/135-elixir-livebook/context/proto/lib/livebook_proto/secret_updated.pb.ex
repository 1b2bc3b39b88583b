# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/secret_updated.pb.ex (208 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# s