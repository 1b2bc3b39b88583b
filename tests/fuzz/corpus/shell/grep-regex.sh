grep -E 'al|De' f.txt; grep '^[a-c]' f.txt; grep 'a$' f.txt; grep -o '[a-z]*ta' f.txt; grep -w beta f.txt; grep -x beta f.txt
