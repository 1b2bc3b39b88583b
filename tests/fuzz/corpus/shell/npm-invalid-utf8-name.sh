cd /app && npm install exprùess && npm ci && npm cache clean --force
