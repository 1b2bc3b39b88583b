echo hello   world; echo -n a; echo b; echo -e 'x\ty\n'; echo -- -n
