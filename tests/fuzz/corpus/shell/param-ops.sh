v=abc.tar.gz; echo ${v%.*} ${v%%.*} ${v#*.} ${v##*.} ${#v} ${u:-d} ${v:+set}
