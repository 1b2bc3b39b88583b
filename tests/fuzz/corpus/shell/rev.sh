echo hello | rev; rev g.txt
