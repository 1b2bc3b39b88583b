set -f; echo *; set +f; echo *.none
