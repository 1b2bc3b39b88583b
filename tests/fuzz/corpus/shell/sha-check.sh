sha256sum g.txt > sums; sha256sum -c sums; echo x >> g.txt; sha256sum -c sums; echo $?
