cat <<EOF | sed s/a/b/ > /tmp/x
$HOME `pwd` ${X:-def}
EOF
cat /tmp/x
