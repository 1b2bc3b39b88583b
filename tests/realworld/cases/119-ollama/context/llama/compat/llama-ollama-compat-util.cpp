// layerlab realworld stub of ollama/ollama:llama/compat/llama-ollama-compat-util.cpp (16708 bytes in the original; not its content)
