sed -n 2p g.txt; sed 2d g.txt; sed '2,3d' g.txt; sed -n '/t/p' g.txt; sed '$d' g.txt; sed '1!d' g.txt; sed -n '$=' g.txt
