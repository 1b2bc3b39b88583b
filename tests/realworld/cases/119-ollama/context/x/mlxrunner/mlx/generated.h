// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/generated.h (241729 bytes in the original; not its content)
