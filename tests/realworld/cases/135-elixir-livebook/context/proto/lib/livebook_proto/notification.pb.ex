# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/notification.pb.ex (238 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
