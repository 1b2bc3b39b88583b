f() { echo "f:$1:$#"; return 4; }; f x y; echo $?; g() { local v=in; echo $v; }; v=out; g; echo $v
