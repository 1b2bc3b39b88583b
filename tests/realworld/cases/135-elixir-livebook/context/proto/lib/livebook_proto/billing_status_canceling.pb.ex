# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/billing_status_canceling.pb.ex (232 bytes in the original; not its content)
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
# s