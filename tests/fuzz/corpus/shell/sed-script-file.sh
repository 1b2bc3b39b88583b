printf 's/one/1/\ns/two/2/\n' > script.sed; sed -f script.sed g.txt
