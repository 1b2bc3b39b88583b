seq 3; seq 2 4; seq 1 2 7; seq -s, 3; seq 3 1; seq 5 -2 1; seq -w 8 10
