exec 3>/tmp/fd3; echo x >&3; exec >/dev/null; echo gone; exit 3
