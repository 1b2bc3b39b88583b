cp g.txt a; cp f.txt b; mv a b; cat b; ls a
