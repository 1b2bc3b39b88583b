sort -k2 -n words; sort -t, -k2 -n csv; sort -k1,1 -u words
