apt-get update && apt-get install -y tool && rm -rf /var/lib/apt/lists/*
dpkg -l
apt-get remove -y tool
