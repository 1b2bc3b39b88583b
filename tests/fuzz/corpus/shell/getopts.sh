while getopts ab:c o -a -b val -c; do echo "$o ${OPTARG:-}"; done
