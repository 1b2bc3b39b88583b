// layerlab realworld stub of livebook-dev/livebook:assets/js/hooks/js_view.js (17415 bytes in the original; not its content)
