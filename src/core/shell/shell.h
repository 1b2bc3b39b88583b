// shell.h: a simulated POSIX sh (busybox ash flavour) over a Container.
//
// RUN steps and the container terminal both execute shell commands against
// the core's container model. The shell parses a script the way busybox ash
// does (one complete command at a time: a syntax error on line 3 stops the
// script after lines 1-2 ran) and runs every command in-process against the
// Container, making the same filesystem calls the real programs make, so
// copy-ups, whiteouts and opaque directories come out as on overlayfs:
//
//   echo x > f        open(O_TRUNC)              -> Container::write(truncate)
//   echo x >> f       open(O_APPEND)             -> Container::write(append)
//   touch f           utimensat                  -> Container::utime (copies up)
//   sed -i s/a/b/ f   temp file + rename over f  -> write(f.tmp) + rename
//   mv lowerdir d     rename -> EXDEV            -> copy + rm -rf (busybox mv)
//   rm -rf d          depth-first unlink/rmdir   -> whiteouts
//
// Everything is deterministic: no wall-clock time (`date` reads the
// container clock, `sleep N` advances it), no network, no threads.
// Pipelines run their stages one after the other, each stage's output being
// the next one's input (a blob, so `cat 1GiB | wc -c` costs no memory).
//
// Nothing a user types can crash or hang the caller: syntax errors, missing
// files and unknown commands are ordinary shell failures (status + stderr,
// busybox wording); runaway scripts are stopped by a step budget
// (RunResult::budget_exceeded) and deep nesting by fixed depth limits.
//
// Commands are looked up like a real shell does: builtins (echo, cd, test,
// ...) need no file; any other name is searched in $PATH in the container's
// filesystem. Found and simulated: it runs. Found but not simulated
// (ldconfig, patch, setcap, ...): a labelled stand-in: exit 0, no output, no
// effect on files, and the note "stand-in: NAME is in this image but layerlab
// does not simulate it: ...". Not found: busybox's "sh: NAME: not found",
// exit 127, and a note.
//
//     ll::shell::Options o;
//     o.env = image.config.env;  o.working_dir = "/app";  o.user = "app";
//     ll::shell::RunResult r = ll::shell::run(container, "apt-get update && ...", o);
//     if (r.status != 0) show(r.combined());   // the step failed, like docker build
//
//     ll::shell::Session term(container, o);   // the interactive terminal
//     term.exec("cd /etc"); term.exec("ls");   // keeps cwd, variables, functions
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base.h"
#include "core/catalog/lazy_catalog.h"
#include "core/container.h"

namespace ll {
struct Catalog;
}

namespace ll::shell {

// Package data for apt-get/apk/pip/npm (see core/catalog/catalog.h). Any
// member may be null: that package manager then explains it has no data.
// Each may be parsed on first use (LazyCatalog: build::CatalogSet's lazy
// mode); read them with .get().
struct Catalogs {
    LazyCatalog apt;        // Debian bookworm packages
    LazyCatalog apt_state;  // the apt lists files `apt-get update` writes
    LazyCatalog apk;        // Alpine, approximated from Debian
    LazyCatalog pip;        // PyPI, approximated from Debian
    LazyCatalog npm;        // npm, approximated
};

struct Options {
    std::vector<std::string> env;   // "K=V" from the image config (PATH, HOME, ...)
    std::string working_dir = "/";  // the image's WorkingDir ("" = "/")
    // "", "app", "1000", "1000:1000", "app:staff": resolved through the
    // container's /etc/passwd and /etc/group as runc does. Sets the
    // container's credentials for the run (files are created as this uid:gid).
    std::string user;
    // Interpreter steps: one per command and per loop iteration, plus one per
    // 4 KiB of data a command processes. Exceeding it stops the script.
    uint64_t step_budget = 2'000'000;
    // Bytes of file data the script may materialize (literal file contents it
    // writes; /dev/zero and /dev/urandom data is synthetic and costs nothing).
    uint64_t data_budget = uint64_t(256) << 20;
    // Captured terminal output; beyond it, "[output truncated]".
    uint64_t output_limit = 1 << 20;
    const Catalogs* catalogs = nullptr;
    bool xtrace = false;                       // as if the script began with `set -x`
    std::string hostname = "buildkitsandbox";  // what `hostname`/`uname -n` print
    // $0, and the prefix of the shell's own messages: "/bin/sh" as a RUN
    // step runs it (["/bin/sh", "-c", script]), so errors read
    // "/bin/sh: foo: not found" as in `docker build`; a terminal started
    // with `sh` would use "sh".
    std::string arg0 = "/bin/sh";
    // The image is the real one (not a nearest variant or a stand-in base):
    // only then may a missing command be said to fail a real build too.
    bool base_is_real = true;
    // The script is an exec-form command line (["env"], `docker run IMAGE
    // sh -c ...`), its words quoted: no shell process runs it, so it exports
    // no PWD or SHLVL of its own (a `sh -c` it starts says SHLVL=1, and `env`
    // lists only the image's variables, as with Docker).
    bool exec_form = false;
};

struct OutputChunk {
    int fd = 1;  // 1 stdout, 2 stderr
    std::string text;
};

struct RunResult {
    int status = 0;                   // the exit status, as $? would show it
    std::vector<OutputChunk> output;  // terminal output, in order
    std::string error;                // why the run was stopped (budget, unknown USER), "" otherwise
    // Simulator remarks a real shell would not print: "NAME: not simulated
    // by layerlab (it exists in this image)", "pip data is approximated",
    // "stand-in: ..." for a download or a build tool's artifact.
    // They are not part of `output`; the UI shows them beside it.
    std::vector<std::string> notes;
    Error syntax_error;  // the first syntax error, with line:column (message "" if none)
    bool budget_exceeded = false;
    bool output_truncated = false;
    uint64_t steps = 0;            // steps used
    std::string combined() const;  // stdout and stderr interleaved
    std::string stdout_text() const;
    std::string stderr_text() const;
};

// Non-interactive: what `RUN <script>` does (`/bin/sh -c script`). The
// container's credentials and umask are set from `o` and left that way.
RunResult run(Container& c, std::string_view script, const Options& o);

class Interp;

// Interactive: one terminal session. Keeps cwd, variables (exported or
// not), functions and options between lines. A syntax or expansion error
// ends the line, not the session; `exit` ends the session (exited()).
class Session {
public:
    Session(Container& c, Options o);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    RunResult exec(std::string_view line);
    const std::string& cwd() const;
    // The value of a shell variable, or nullptr.
    const std::string* var(std::string_view name) const;
    int last_status() const;
    bool exited() const;
    // A prompt as busybox's default PS1 shows it: "/etc # " (root) or "/app $ ".
    std::string prompt() const;

private:
    std::unique_ptr<Interp> m_interp;
};

// The names of every command the shell simulates (builtins and programs),
// sorted: what Help lists.
const std::vector<std::string>& simulated_commands();
bool is_simulated(std::string_view name);

}  // namespace ll::shell
