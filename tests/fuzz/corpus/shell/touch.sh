touch newfile; ls newfile; touch -c nothere; ls nothere; touch nodir/x; touch -d '2020-01-02 03:04:05' f.txt; ls -l f.txt | cut -c1-10,30-
