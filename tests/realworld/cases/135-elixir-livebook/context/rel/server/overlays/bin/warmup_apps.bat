# layerlab realworld stub of livebook-dev/livebook:rel/server/overlays/bin/warmup_apps.bat (56 bytes in the original; not its content)
