v=hello; echo ${v:1:3} ${v:2} ${v/l/L} ${v//l/L}
