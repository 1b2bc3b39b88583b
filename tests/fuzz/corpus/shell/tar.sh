tar czf /tmp/a.tgz -C /w . && mkdir /tmp/o && tar xzf /tmp/a.tgz -C /tmp/o && find /tmp/o | sort
