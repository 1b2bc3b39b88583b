// layerlab realworld stub of livebook-dev/livebook:assets/js/hooks/session.js (44235 bytes in the original; not its content)
