if [ -f f.txt ]; then echo file; else echo no; fi; if [ -d f.txt ]; then echo dir; elif [ -e f.txt ]; then echo exists; fi
