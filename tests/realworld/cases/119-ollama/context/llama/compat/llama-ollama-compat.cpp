// layerlab realworld stub of ollama/ollama:llama/compat/llama-ollama-compat.cpp (167997 bytes in the original; not its content)
