adduser -D -u 1001 web; addgroup svc; addgroup web svc; useradd -m dev; groupadd -r g; id web; deluser web
