#!/usr/bin/env bash
# Regenerates the gzip vectors that tests/core/test_gzip.cpp reads, with gzip(1).
#   hello.txt.gz        gzip -9 of hello.txt (header has FNAME and an mtime)
#   two-members.gz      two gzip members, concatenated (cat a.gz b.gz): one stream "hello.txt" + "second\n"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
printf 'The quick brown fox jumps over the lazy dog.\nlayerlab gzip test vector\n' > hello.txt
touch -d @1700000000 hello.txt
gzip -9 -c hello.txt > hello.txt.gz
{ cat hello.txt.gz; printf 'second\n' | gzip -9 -n; } > two-members.gz
sha256sum hello.txt hello.txt.gz two-members.gz > SHA256SUMS
cat SHA256SUMS
