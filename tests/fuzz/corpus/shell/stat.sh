stat -c '%a %A %s %F %U %G %n %h %u %g' f.txt dir link empty; stat -c '%N' link; stat nofile
