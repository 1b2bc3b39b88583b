touch /data/big.bin
echo ready > /data/status
