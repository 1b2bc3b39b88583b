# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/billing_status_canceled.pb.ex (170 bytes in the original; not its content)
# stub
# stub
# stu