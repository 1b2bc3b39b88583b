# Sourced by every script: the environment the toolchain needs.
# emcc's optimising link runs acorn-optimizer.js, which needs Debian's node
# modules (pitfall 1 in shared/notes/platform.md).
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# Chromium must never be downloaded by a tool; we use Debian's.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# A compiler cache across builds and clones (scripts/setup installs ccache):
# a second scripts/test on the same machine, even from a fresh clone
# elsewhere, recompiles only what changed. CCACHE_BASEDIR makes the clone's
# own path not part of the key (ASan stacks may then name the clone that
# compiled an object first). CCACHE_DISABLE=1 turns it off; a launcher
# already set by the caller wins.
if command -v ccache >/dev/null 2>&1 && [[ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]]; then
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
  export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
fi
