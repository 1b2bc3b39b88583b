# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/app_deployment_updated.pb.ex (259 bytes in the original; not its content)
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
# st