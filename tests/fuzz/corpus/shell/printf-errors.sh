printf '%d\n' abc 12; printf '%d\n' 3.5
