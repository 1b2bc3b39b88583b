echo [fg].txt; echo ?.txt; echo [!f]*.txt
