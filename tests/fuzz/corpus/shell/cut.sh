cut -d, -f1 csv; cut -d, -f2 csv; cut -c1-3 g.txt; cut -f2 tabs; cut -d: -f1 /etc/passwd
