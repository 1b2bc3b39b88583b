// layerlab realworld stub of basecamp/once-campfire:vendor/javascript/highlight.js/core.js (75944 bytes in the original; not its content)
