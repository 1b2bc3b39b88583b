// layerlab realworld stub of livebook-dev/livebook:rel/app/src-tauri/src/lib.rs (23115 bytes in the original; not its content)
