# layerlab realworld stub of ollama/ollama:cmake/local.cmake (32986 bytes in the original; not its content)
