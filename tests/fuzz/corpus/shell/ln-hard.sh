ln w/f.txt w/hard
