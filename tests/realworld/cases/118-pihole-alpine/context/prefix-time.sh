# layerlab realworld stub of pi-hole/docker-pi-hole:src/prefix-time.sh (221 bytes in the original; not its content)
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
# stub
