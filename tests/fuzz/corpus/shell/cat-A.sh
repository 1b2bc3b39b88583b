cat -A tabs; cat -e spaces
