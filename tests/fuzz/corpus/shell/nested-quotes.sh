echo "$(echo "inner 'q'" | tr a-z A-Z)"; echo "${x:-"def val"}"
