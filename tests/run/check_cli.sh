#!/usr/bin/env bash
# check_cli.sh LAYERLAB: `layerlab run`'s command line, no root needed (CTest cli_run).
# Runs on the built-in busybox image (assets/catalog/image-busybox.txt):
# usage errors and a missing --image layout exit 125 (docker run's code for its own
# errors), a command not found 127, one that cannot be invoked 126; the script's
# status is layerlab's exit code, stdout holds the command's output alone (the
# == sections are on stderr), a syntax error names FILE:LINE:COL,
# --diff prints docker diff lines and --commit-oci writes an annotated OCI layout;
# an image with USER app starts with the HOME, cwd and env the Lab gives it.
set -u
LL=${1:?usage: check_cli.sh LAYERLAB}
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
# expect NAME WANT_STATUS REGEX(stdout+stderr) -- ARGS...
expect() {
  local name=$1 want=$2 re=$3; shift 4
  "$LL" run "$@" > "$T/out" 2> "$T/err"
  local rc=$?
  cat "$T/out" "$T/err" > "$T/all"
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, want $want"; sed 's/^/  | /' "$T/all"; fails=$((fails + 1)); return
  fi
  if ! grep -Eq -- "$re" "$T/all"; then
    echo "FAIL $name: output does not match /$re/"; sed 's/^/  | /' "$T/all"; fails=$((fails + 1)); return
  fi
  echo "ok   $name"
}
expect help             0 '^usage: layerlab run '                        -- --help
expect no-args          125 'missing IMAGE'                                --
expect no-args-usage    125 '^usage: layerlab run '                        --
expect no-command       125 'no command: give --script FILE or -- COMMAND' -- busybox
expect empty-command    125 'no command after --'                          -- busybox --
expect unknown-image    125 "unknown image 'other'.*known: base"           -- --image base=/nonexistent other -- true
expect bad-image-flag   125 "--image takes NAME=OCI_DIR"                   -- --image base busybox -- true
expect missing-layout   125 '/nonexistent'                                 -- --image base=/nonexistent base -- true
expect missing-script   125 'cannot read the script .*nothere.sh'          -- busybox --script "$T/nothere.sh"
expect script-and-cmd   125 'not both'                                     -- busybox --script "$HERE/cli/script.sh" -- true
expect unknown-option   125 "unknown option '--frobnicate'"                -- busybox --frobnicate -- true
expect extra-argument   125 "unexpected argument 'true'"                   -- busybox true
expect syntax-error     2 'syntax-error.sh:2:[0-9]+: error: .*syntax'    -- busybox --script "$HERE/cli/syntax-error.sh"
expect syntax-ran-before 2 '^before$'                                    -- busybox --script "$HERE/cli/syntax-error.sh"
expect exit-status      7 '^== exit status 7$'                           -- busybox -- sh -c 'exit 7'
expect command-words    0 '^a b  c$'                                     -- busybox -- echo 'a b ' c
expect shlvl-sh-c       0 '^1$'                                          -- busybox -- sh -c 'echo $SHLVL'
expect exec-env         0 '^HOME=/root$'                                 -- busybox -- env
if "$LL" run busybox -- env 2>/dev/null | grep -Eq '^(SHLVL|PWD)='; then
  echo "FAIL exec-env-only: docker run IMAGE env lists no SHLVL or PWD (no shell runs it)"; fails=$((fails + 1))
else
  echo "ok   exec-env-only"
fi
expect builtin-debian   0 'PRETTY_NAME="Debian GNU/Linux 12 \(bookworm\)"'   -- debian:bookworm-slim -- cat /etc/os-release
expect not-found        127 'not found'                                  -- busybox -- no-such-command
expect not-invocable    126 'Permission denied|permission denied'        -- busybox -- /etc/passwd
if "$LL" run busybox -- sh -c 'echo out; echo err >&2' 2>/dev/null | cmp -s - <(echo out); then
  echo "ok   stdout-is-the-output"
else
  echo "FAIL stdout-is-the-output: stdout holds more than the command's output"; fails=$((fails + 1))
fi
expect script-output    5 '^hello from /$'                               -- busybox --script "$HERE/cli/script.sh"
expect diff-added       5 '^A /etc/new$'                                 -- busybox --script "$HERE/cli/script.sh" --diff
expect diff-deleted     5 '^D /etc/group$'                               -- busybox --script "$HERE/cli/script.sh" --diff
expect diff-parent      5 '^C /etc$'                                     -- busybox --script "$HERE/cli/script.sh" --diff
expect commit-oci       0 '^== committed sha256:[0-9a-f]{64} to '        -- busybox --commit-oci "$T/oci" -- sh -c 'echo x > /x'
if grep -q '"org.opencontainers.image.ref.name":"latest"' "$T/oci/index.json" 2>/dev/null; then
  echo "ok   commit-oci-annotation"
else
  echo "FAIL commit-oci-annotation: $T/oci/index.json lacks the ref.name annotation"; fails=$((fails + 1))
fi
# the committed layout runs again: the file made in the first container is there
expect run-committed    0 '^x$'                                          -- "$T/oci" -- cat /x
# an image with USER app: HOME from its /etc/passwd, its WorkingDir, its env; the page's
# container must print the same (core test "... starts as layerlab run starts it")
UA="$HERE/cli/user-app"
if "$LL" build --oci-out "$T/ua" "$UA" > "$T/build.out" 2>&1 &&
   "$LL" run "$T/ua" --script "$UA/probe.sh" > "$T/ua.out" 2> "$T/ua.err" &&
   grep -v '^== exit status 0$' "$T/ua.out" | cmp -s - "$UA/expected.txt"; then
  echo "ok   user-app-start"
else
  echo "FAIL user-app-start: layerlab run's HOME, cwd and env differ from $UA/expected.txt"
  cat "$T/build.out" "$T/ua.out" "$T/ua.err" 2>/dev/null | sed 's/^/  | /'; fails=$((fails + 1))
fi
echo "$fails failed"
[ "$fails" = 0 ]
