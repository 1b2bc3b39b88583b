# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/error.pb.ex (162 bytes in the original; not its content)
# stub
# stub
# stub
# stub
#