// layerlab realworld stub of livebook-dev/livebook:rel/app/src-tauri/src/main.rs (183 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
