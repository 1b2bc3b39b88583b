echo "HOME=$HOME"; pwd; id; env | grep -v "^HOSTNAME=" | sort
