// layerlab realworld stub of basecamp/once-campfire:vendor/javascript/languages/javascript.js (17544 bytes in the original; not its content)
