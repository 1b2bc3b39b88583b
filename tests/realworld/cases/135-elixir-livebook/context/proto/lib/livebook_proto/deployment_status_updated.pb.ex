# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/deployment_status_updated.pb.ex (287 bytes in the original; not its content)
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
# stub
# stub
#