# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/environment_variable.pb.ex (232 bytes in the original; not its content)
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
