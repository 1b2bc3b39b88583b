tar cf a.tar dir f.txt; mkdir out; tar xf a.tar -C out; find out | sort; cat out/f.txt; tar xOf a.tar dir/a
