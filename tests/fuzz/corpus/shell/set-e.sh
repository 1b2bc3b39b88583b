set -e; false || echo tolerated; if false; then :; fi; echo still; false; echo never
