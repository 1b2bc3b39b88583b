set -- one "two three" four; echo $#; for a in "$@"; do echo "[$a]"; done; shift; echo $1
