cp g.txt gz; gzip gz; ls gz gz.gz; gunzip -c gz.gz; zcat gz.gz | wc -l; gunzip gz.gz; cat gz; gzip nofile
