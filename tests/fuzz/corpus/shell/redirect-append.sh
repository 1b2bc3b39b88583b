echo x >> w/g.txt
