rmdir dir; rmdir nodir; mkdir -p p/q; rmdir -p p/q; ls -d p
