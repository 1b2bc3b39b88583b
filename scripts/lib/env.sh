# Sourced by every script: the environment the toolchain needs.
# emcc's optimising link runs acorn-optimizer.js, which needs Debian's node
# modules (pitfall 1 in shared/notes/platform.md).
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# Chromium must never be downloaded by a tool; we use Debian's.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
