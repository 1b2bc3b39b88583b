# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/app_folder.pb.ex (197 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# s