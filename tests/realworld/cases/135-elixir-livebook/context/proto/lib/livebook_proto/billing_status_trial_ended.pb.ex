# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/billing_status_trial_ended.pb.ex (241 bytes in the original; not its content)
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
# s