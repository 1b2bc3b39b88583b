readonly R=1; unset R; echo $?; U=2; unset U; echo "[$U]"
