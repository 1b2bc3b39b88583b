grep alpha f.txt; grep -c a f.txt; grep -v a f.txt; grep -n -i delta f.txt; grep -q beta f.txt && echo found
