mkdir dst; cp f.txt g.txt nonl dst; ls dst; cp f.txt g.txt nonexistent
