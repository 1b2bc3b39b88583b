sed -i s/one/1/ w/g.txt
