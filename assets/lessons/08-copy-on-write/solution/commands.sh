echo ready > /data/status
