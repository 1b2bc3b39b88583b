FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
LABEL org.opencontainers.image.title="demo" version="1.0"
WORKDIR /app
COPY <<-EOF /app/requirements.txt
	flask==3.0.0
	gunicorn
	EOF
RUN <<EOF
#!/usr/bin/env bash
set -e
pip install --no-cache-dir -r requirements.txt
EOF
COPY --chmod=0755 <<'SCRIPT' <<CONF /usr/local/bin/
#!/bin/sh
echo "$HOME"
SCRIPT
listen=${PORT:-8000}
CONF
VOLUME ["/data"]
STOPSIGNAL SIGINT
CMD gunicorn -b 0.0.0.0:8000 app:app
