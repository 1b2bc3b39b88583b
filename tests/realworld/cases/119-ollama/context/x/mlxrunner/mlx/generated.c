// layerlab realworld stub of ollama/ollama:x/mlxrunner/mlx/generated.c (102862 bytes in the original; not its content)
