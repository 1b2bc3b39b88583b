printf '%b\n' 'a\tb' 'c\\d'; printf 'x\101\n'
