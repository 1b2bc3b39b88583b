// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/dynamic_other.go (75 bytes in the original; not its content)
