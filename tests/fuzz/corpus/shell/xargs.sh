echo a b c | xargs echo x; printf '1\n2\n3\n' | xargs -n 2 echo; echo a b | xargs -I{} echo [{}]; echo | xargs echo empty
