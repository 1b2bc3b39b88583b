// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/ops_extra.go (17287 bytes in the original; not its content)
