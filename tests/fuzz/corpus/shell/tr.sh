echo hello | tr a-z A-Z; echo hello | tr -d l; echo 'a   b' | tr -s ' '; echo abc123 | tr -cd 0-9; echo; echo abc | tr abc x
