ln -s f.txt s1; readlink s1; ln -s f.txt s1; ln f.txt h1; cat h1; ln -sf g.txt s1; readlink s1; ln -s /x dir; ls -l dir/x | cut -c1-10; readlink dir/x
