tar czf a.tgz dir; tar tzf a.tgz | sort; mkdir o2; tar xzf a.tgz -C o2 --strip-components=1; find o2 | sort
