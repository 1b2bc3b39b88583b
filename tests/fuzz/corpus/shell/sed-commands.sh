sed '2a\
added' g.txt; sed '2i ins' g.txt; sed '3c changed' g.txt; sed y/abc/xyz/ csv; sed = g.txt; sed 2q g.txt
