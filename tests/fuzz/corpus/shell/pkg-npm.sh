cd /app && npm install express && npm ci && npm cache clean --force
