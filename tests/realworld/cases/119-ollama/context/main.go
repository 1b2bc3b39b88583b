// layerlab realworld stub of ollama/ollama:main.go (180 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// 