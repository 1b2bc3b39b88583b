# layerlab realworld stub of livebook-dev/livebook:proto/lib/livebook_proto/org_status_trial.pb.ex (246 bytes in the original; not its content)
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