# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/org_updated.pb.ex (257 bytes in the original; not its content)
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
# stub
# stub
# stub