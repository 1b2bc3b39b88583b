md5sum f.txt g.txt; sha256sum f.txt; sha1sum nonl; echo hi | md5sum
