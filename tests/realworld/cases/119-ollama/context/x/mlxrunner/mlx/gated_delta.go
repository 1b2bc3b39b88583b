// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/gated_delta.go (24013 bytes in the original; not its content)
