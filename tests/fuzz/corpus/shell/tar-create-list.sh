tar cf a.tar dir; tar tf a.tar | sort; tar tvf a.tar | cut -c1-38 | sort
