// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/include/mlx/c/ops.h (31461 bytes in the original; not its content)
