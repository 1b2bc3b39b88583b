a=5; b=a; echo $((a*2)) $((b+1)); : $((a+=3)); echo $a
