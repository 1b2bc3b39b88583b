sed '/two/,/three/s/^/> /' g.txt; sed '2,+1d' g.txt; sed -n '/one/,$p' g.txt
