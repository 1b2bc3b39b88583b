printf '%s|%5s|%-5s|%d|%05d|%x|%o|%c|%%\n' str ab cd 42 7 255 8 xyz
