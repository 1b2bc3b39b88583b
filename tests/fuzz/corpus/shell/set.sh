set -eux; x=${y:-1}; set +e; false; echo $?; set -o pipefail; false | true; echo $?
