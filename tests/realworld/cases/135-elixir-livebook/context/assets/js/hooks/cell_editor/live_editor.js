// layerlab realworld stub of livebook-dev/livebook:assets/js/hooks/cell_editor/live_editor.js (22534 bytes in the original; not its content)
