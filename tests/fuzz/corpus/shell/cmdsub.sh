echo "[$(echo a; echo b)]" $(echo '  spaced  ') `echo back`
