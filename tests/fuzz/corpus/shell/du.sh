du -s dir; du dir | sort; du -a dir | sort; du -sh dir; du -k f.txt; du -c f.txt g.txt
