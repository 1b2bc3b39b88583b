cat <<-EOF
	tab stripped
	EOF
