// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/include/mlx/c/version.h (225 bytes in the original; not its content)
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
// stub
// stub
