x='a  b'; echo $x "$x" '$x' "\$x" \$x; echo "a'b" 'c"d'
