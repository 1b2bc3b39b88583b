basename /a/b/c.txt .txt; basename /; basename a/; dirname /a/b/; dirname a; dirname /a
