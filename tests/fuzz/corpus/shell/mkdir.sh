mkdir new; mkdir new; mkdir -p a/b/c; ls a/b; mkdir x/y; mkdir -m 700 m7; ls -ld m7 | cut -c1-10; mkdir -p f.txt/x
