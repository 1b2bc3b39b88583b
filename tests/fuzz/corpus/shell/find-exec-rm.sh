find w -name '*.txt' -exec rm {} +
