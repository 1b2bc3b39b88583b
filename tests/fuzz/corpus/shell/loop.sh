i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo $i >> /tmp/log; done; wc -l /tmp/log
