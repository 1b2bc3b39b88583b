sed 's/x' g.txt; sed k g.txt; sed 's/a/b/q' g.txt; sed -n '/\(/p' g.txt; sed p nofile; echo $?
