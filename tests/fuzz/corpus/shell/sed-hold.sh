sed -n 'h;n;G;p' g.txt; sed 'N;s/\n/+/' g.txt; sed '$!N;P;D' g.txt
