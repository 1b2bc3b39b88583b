echo one > o; echo two >> o; cat o; echo three > o; cat o
