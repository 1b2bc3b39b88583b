// interp.h: the shell interpreter's internals, shared by the command files
// (builtins.cpp, cmd_*.cpp). Not part of the public API (see shell.h).
//
//   Interp ── State (variables, functions, cwd, options, $@)   copied for ( ), $( ), pipes
//     │ exec(Node)  ── expand words ── redirect ── find command ── run
//     │                                                   │
//     └── budget (steps, data)                  builtin / Program(Ctx&) / function / script
//
// Streams. A command reads stdin from a Source (a blob with a read offset,
// or the endless /dev/zero and /dev/urandom) and writes to Sinks: the
// terminal (RunResult::output), a buffer (pipes, $( )), a file in the
// container (redirections) or nothing (/dev/null). Pipeline stages run one
// after the other; a stage's buffered output is the next stage's stdin.
// Large data travels as blobs, never as strings: `cat big | wc -c` costs a
// few pieces, not gigabytes.
//
// Control flow (break, continue, return, exit, errors, the budget) is a
// flag the interpreter checks after each step; nothing throws.
#pragma once
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/glob.h"
#include "core/shell/ast.h"
#include "core/shell/shell.h"

namespace ll::shell {

class Interp;

// ------------------------------------------------------------------ streams

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(std::string_view s) = 0;
    // Large data: the default reads the blob in chunks into write().
    virtual void write_blob(BlobId b);
    // Makes written data visible in the container (file sinks).
    virtual void flush() {}
    virtual bool is_null() const { return false; }
    virtual bool is_terminal() const { return false; }

protected:
    explicit Sink(Interp* sh = nullptr) : m_sh(sh) {}
    Interp* m_sh;
};
using SinkPtr = std::shared_ptr<Sink>;

// Accumulates output as a blob (pipes, command substitution).
class BufferSink : public Sink {
public:
    explicit BufferSink(Interp& sh) : Sink(&sh) {}
    void write(std::string_view s) override;
    void write_blob(BlobId b) override;
    BlobId take();  // everything written so far; the buffer is left empty
    uint64_t size() const { return m_size; }

private:
    void spill();
    std::string m_pending;
    BlobId m_acc = k_empty_blob;
    uint64_t m_size = 0;
};

struct Source {
    enum class Kind : uint8_t { blob, zero, urandom };
    Kind kind = Kind::blob;
    BlobId blob = k_empty_blob;
    uint64_t pos = 0;
    uint64_t seed = 0;  // urandom
    bool at_end(const BlobStore& b) const { return kind == Kind::blob && pos >= b.size(blob); }
};
using SourcePtr = std::shared_ptr<Source>;

// The open files of a command: stdin and output fds 1..9.
struct Fds {
    SourcePtr in;
    std::array<SinkPtr, 10> out;  // [0] unused
};

// ------------------------------------------------------------------ state

struct Var {
    std::string value;
    bool exported = false;
    bool readonly = false;
};

struct State {
    std::map<std::string, Var, std::less<>> vars;
    std::map<std::string, NodePtr, std::less<>> funcs;
    std::vector<std::string> params;  // $1...
    std::string arg0 = "sh";
    std::string cwd = "/";
    bool errexit = false, xtrace = false, nounset = false, noglob = false, noclobber = false;
    uint32_t umask = 022;
    int status = 0;          // $?
    bool in_script = false;  // running a script file: errors name it and its line
    char mode_flag = 'c';    // $-: 'c' (sh -c), 's' (script on stdin), 0 (a file)
    std::string exit_trap;   // trap '...' EXIT
    bool has_exit_trap = false;
};

enum class Flow : uint8_t { none, brk, cont, ret, exit, error };

// What a simulated program gets.
struct Ctx {
    Interp& sh;
    Container& c;
    std::vector<std::string> argv;
    Fds& fds;
    std::vector<std::pair<std::string, std::string>> env;  // exported + prefix assignments
    // The image's file for this program is not busybox's (Debian's coreutils,
    // shadow, ...): bad options get the tool's own "Try 'NAME --help'"
    // instead of busybox's banner, -v speaks GNU's words.
    bool gnu = false;

    const std::string& name() const { return argv[0]; }
    void out(std::string_view s) const;
    void err(std::string_view s) const;
    // "NAME: msg\n" to stderr (busybox's bb_error_msg).
    void errmsg(std::string_view msg) const;
    // An absolute path for a user-given one (relative to the cwd).
    std::string path(std::string_view p) const;
    const std::string& cwd() const;
    const std::string* getenv(std::string_view k) const;
    // Charge interpreter steps for `bytes` of processed data; false when the
    // budget ran out (the command should stop).
    bool charge_bytes(uint64_t bytes) const;
    bool stopped() const;
    // stdin helpers
    Source& in() const { return *fds.in; }
    // The rest of stdin as a blob (cheap; endless sources give an error).
    std::optional<BlobId> stdin_blob() const;
    // The rest of stdin as text, or nullopt (too big / endless: error printed).
    std::optional<std::string> stdin_text() const;
    // Reads one line (without '\n'); false at end of input.
    bool read_line(std::string& line, bool* had_newline = nullptr) const;
    // A file's contents as text for text processing, with busybox's "can't open" error.
    std::optional<std::string> file_text(std::string_view user_path, bool quiet = false) const;
    std::optional<BlobId> file_blob(std::string_view user_path, bool quiet = false) const;
};

using ProgramFn = int (*)(Ctx&);
struct ProgramDef {
    std::string_view name;
    ProgramFn fn;
};
// Each family file defines one table.
std::vector<ProgramDef> builtin_programs();  // builtins.cpp: echo, cd, test, ...
std::vector<ProgramDef> file_programs();     // cmd_files.cpp
std::vector<ProgramDef> text_programs();     // cmd_text.cpp
std::vector<ProgramDef> sed_programs();      // cmd_sed.cpp
std::vector<ProgramDef> user_programs();     // cmd_users.cpp
std::vector<ProgramDef> misc_programs();     // cmd_misc.cpp
std::vector<ProgramDef> find_programs();     // cmd_find.cpp
std::vector<ProgramDef> tar_programs();      // cmd_tar.cpp
std::vector<ProgramDef> pkg_programs();      // cmd_pkg.cpp
std::vector<ProgramDef> dpkg_programs();     // cmd_dpkg.cpp: apt-mark, dpkg-query, dpkg-architecture
std::vector<ProgramDef> awk_programs();      // awk_run.cpp: awk (busybox's, mawk, gawk)
std::vector<ProgramDef> net_programs();      // cmd_net.cpp: curl wget git gpg gpgv gpgconf update-ca-certificates
std::vector<ProgramDef> toolchain_programs();  // cmd_toolchain.cpp: go cargo mvn gradle dotnet javac cc make yarn ...
std::vector<ProgramDef> python_programs();     // cmd_python.cpp: python, python3 (-m pip, -m venv)
// The venv a program file lives in (its bin/'s parent holds pyvenv.cfg), or "".
std::string venv_of(const Ctx& ctx, const std::string& program_path);
// Where the shell finds ctx.name() ($PATH, or the path as given), or "".
std::string program_path(const Ctx& ctx);
// `npm run NAME` (also yarn/pnpm): package.json's script, as a labelled stand-in (cmd_toolchain.cpp).
int npm_run_script(Ctx& ctx, const std::string& tool, const std::string& script_name);
// npm packages outside layerlab's npm data: labelled stand-ins (npm_standin.cpp).
struct NpmStandin {
    std::string name, version;
    std::vector<std::pair<std::string, std::string>> bins;  // program -> file in the package
    bool known = false;                                     // real metadata (version, bin) from the registry
};
// The stand-in for `name` asked as `spec` (a version, a range, a lock's version or "").
NpmStandin npm_standin_for(const std::string& name, const std::string& spec);
// Writes it into node_modules and links its programs into bin_dir.
bool npm_put_standin(Ctx& ctx, const NpmStandin& s, const std::string& node_modules, const std::string& bin_dir);
// The step's note naming them.
std::string npm_standin_note(const std::vector<NpmStandin>& list);

// Names of the shell builtins (found without a file in $PATH).
bool is_builtin(std::string_view name);
bool is_special_builtin(std::string_view name);
const ProgramDef* find_program(std::string_view name);

// ------------------------------------------------------------------ interpreter

class Interp {
public:
    Interp(Container& c, Options o, bool interactive);
    ~Interp();

    // Runs a whole script (one complete command at a time); adds to the result.
    void run_script(std::string_view script, std::string_view script_name = {});
    RunResult take_result();

    Container& c;
    Options opt;
    State st;
    bool interactive = false;

    // ---- budget
    bool charge(uint64_t steps = 1);
    bool charge_data(uint64_t bytes);  // literal bytes materialized into files
    bool aborted() const { return m_aborted; }
    void abort_run(std::string why);

    // ---- flow
    Flow flow = Flow::none;
    int flow_count = 0;  // break N / continue N
    int loop_depth = 0;
    bool cur_tested = false;  // the running command is in a tested context (set -e)
    int func_depth = 0;
    bool exited = false;               // a Session's `exit`
    void raise_error(int status = 2);  // expansion/syntax error: ends the (sub)shell

    // ---- output
    void term_write(int fd, std::string_view s);
    // An error in ash's format: "ARG0: [COMMAND: ][line N: ]msg" (busybox
    // ash_vmsg). COMMAND is a builtin's name, or "" for the shell's own
    // errors; the line is shown in scripts and -c strings, not interactively.
    void ash_msg(const Fds& fds, std::string_view command, std::string_view msg);
    // The shell's own error ("not found", redirections, expansions).
    void sh_error(const Fds& fds, std::string_view msg);
    void note(std::string text);  // a simulator remark (RunResult::notes)

    // ---- variables
    const std::string* get_var(std::string_view name) const;
    bool set_var(std::string_view name, std::string value, const Fds* fds = nullptr);  // false: readonly
    void unset_var(std::string_view name);
    std::vector<std::pair<std::string, std::string>> exported_env() const;
    std::string abs_path(std::string_view p) const;
    std::string home_of_user() const;

    // ---- running
    int exec(const Node& n, Fds& fds, bool tested);
    int exec_list(const Node& n, Fds& fds, bool tested);
    // Runs argv as a command (no word expansion): functions, builtins, $PATH.
    int run_command(std::vector<std::string> argv, Fds& fds,
                    const std::vector<std::pair<std::string, std::string>>& assigns);
    // A fresh `sh` (sh -c, scripts): its own State from the exported variables.
    int run_child_shell(std::string_view script, std::string arg0, std::vector<std::string> params, Fds& fds,
                        const std::vector<std::pair<std::string, std::string>>& env, std::string_view script_name,
                        bool from_stdin = false);
    // Runs fn as a subshell: State copied in and restored after.
    int subshell(const std::function<int()>& fn);
    // The output of commands as text ($( )), trailing newlines removed by the caller.
    std::string capture(const NodePtr& body, const Fds& fds, int& status);

    // ---- expansion (expand.cpp)
    // Full expansion: fields, split and globbed. false on error (flow set).
    bool expand_words(const std::vector<Word>& words, std::vector<std::string>& out, const Fds& fds);
    // One string: no splitting, no globbing (assignments, here-docs, case subjects).
    bool expand_string(const Word& w, std::string& out, const Fds& fds);
    bool expand_parts_string(const std::vector<WordPart>& parts, std::string& out, const Fds& fds);
    // A pattern: quoted characters come out backslash-escaped.
    bool expand_pattern(const std::vector<WordPart>& parts, std::string& out, const Fds& fds);
    // A redirection target: one field (globbed only if it matches one name).
    bool expand_redir_target(const Word& w, std::string& out, const Fds& fds);
    // $(( )): false on error (message printed, flow set).
    bool arith(std::string_view expr, int64_t& out, const Fds& fds);
    // Pathname expansion in the container; sorted matches (empty: none).
    std::vector<std::string> glob(std::string_view pattern);

    // ---- helpers for commands
    // uid/gid names from /etc/passwd and /etc/group
    std::string user_name(uint32_t uid) const;
    std::string group_name(uint32_t gid) const;
    std::optional<uint32_t> uid_of(std::string_view name) const;
    std::optional<uint32_t> gid_of(std::string_view name) const;
    // Applies the shell's umask/credentials to the container before a call.
    void sync_container();

    // `local NAME`: saved for restore when the current function returns.
    void make_local(const std::string& name);
    void note_var_order(const std::string& name);
    // The "not found" / "not simulated" note (RunResult::notes).
    void not_found_note(const std::string& name, bool exists);
    void flush_files();
    // Runs a script text in the current shell (eval, ., sh -c bodies).
    int run_text(std::string_view script, Fds& fds, std::string_view script_name);
    bool check_exit(int status, bool tested);
    // ${x=...} and prefix assignments: tilde after '=' and ':'
    bool expand_assignment(const Word& value, std::string& out, const Fds& fds);
    void reset_for_line();

    RunResult result;
    int exit_status = 0;     // the status `exit`, errors and the budget end with
    int cmdsub_status = -1;  // the last $( )'s status in this command, -1 if none
    uint64_t steps = 0;
    uint64_t data_used = 0;
    int depth = 0;  // nested shells / functions / eval (stack guard)
    static constexpr int k_max_depth = 60;
    uint64_t next_tmp = 0;    // mktemp's deterministic counter
    uint32_t lineno = 0;      // line of the command being run ($LINENO, messages)
    bool pipefail = false;    // set -o pipefail
    size_t getopts_sub = 0;   // getopts: position inside a bundled "-abc"
    uint64_t rand_state = 1;  // $RANDOM
    std::string last_not_simulated;

private:
    int exec_simple(const Node& n, Fds& fds, bool tested);
    int exec_pipeline(const Node& n, Fds& fds, bool tested);
    int exec_for(const Node& n, Fds& fds, bool tested);
    int exec_case(const Node& n, Fds& fds, bool tested);
    int exec_loop(const Node& n, Fds& fds, bool tested, bool until);
    int call_function(const Node& body, std::vector<std::string> argv, Fds& fds);
    int exec_file(const std::string& path, std::vector<std::string> argv, Fds& fds,
                  const std::vector<std::pair<std::string, std::string>>& env);
    // Applies redirections to a copy of fds. false on error (message printed).
    bool redirect(const std::vector<Redir>& rs, Fds& fds, std::vector<SinkPtr>& opened);
    std::string xtrace_quote(std::string_view s) const;
    void run_exit_trap(Fds& fds);

    bool setup_user();
    void init_shell_vars();
    bool start();

    bool m_aborted = false;
    bool m_started = false, m_start_ok = false;
    Fds m_top;
    std::map<std::string, uint64_t, std::less<>> m_seq;  // variable creation order (env order)
    uint64_t m_next_seq = 0;
    std::vector<std::weak_ptr<Sink>> m_files;  // open redirection files
    std::vector<std::vector<std::pair<std::string, std::optional<Var>>>> m_locals;
    uint64_t m_random_seed = 0;
    uint64_t m_out_bytes = 0;
};

// The most text a command materializes at once (sed, grep, sort, $( )).
inline constexpr uint64_t k_text_limit = uint64_t(64) << 20;

// Is the program file at `path` busybox (a symlink or hard link to it)?
// `real_base`: the basename of its realpath.
bool is_busybox_file(const Container& c, const std::string& path, const std::string& real_base);

// Is this file (a user path) a layerlab placeholder for a download or a
// build tool's output (core/standin.h)? (util.cpp)
bool is_stand_in_file(const Ctx& ctx, std::string_view user_path);

// Shared small helpers (util.cpp).
// glibc's strerror() wording for an errno-like code.
const char* errno_text(Errc e);
// busybox make_human_readable_str(): "0", "123", "4.0K", "2.9M"
std::string human_size(uint64_t bytes);
// 1 KiB blocks a file occupies on ext4 (4 KiB blocks; symlinks and empty files 0).
uint64_t disk_kib(const Stat& s);
std::string basename_of(std::string_view p);
std::string dirname_of(std::string_view p);
// Lexical normalization of an absolute path ("/a/./b/../c" -> "/a/c").
std::string normalize_path(std::string_view p);
// glob_match(): core/glob.h (fnmatch(3) flags 0).
bool has_glob_chars(std::string_view pattern);
std::string glob_unescape(std::string_view pattern);
// busybox's octal/symbolic mode parser (chmod, mkdir -m, install -m).
std::optional<uint32_t> parse_mode(std::string_view spec, uint32_t current, bool is_dir, uint32_t umask);
// ls -l style "drwxr-xr-x".
std::string mode_string(EntryType t, uint32_t mode);
// Integer parsing helpers: nullopt unless the whole string is a number.
std::optional<int64_t> parse_int(std::string_view s);
// "10K", "1M", "1G" with busybox's dd/head suffixes (k=1024, kB=1000, ...).
std::optional<uint64_t> parse_size(std::string_view s);
// strftime subset for `date` and `ls` over a UTC time.
std::string format_time(int64_t t, std::string_view fmt);
// Splits "a:b:c" on one char (empty fields kept).
std::vector<std::string> split_char(std::string_view s, char c);
// Option parsing in busybox's getopt32 style: letters in `flags` are booleans,
// letters followed by ':' take an argument. Stops at "--" or the first
// operand (unless `permute`). Long options as getopt_long reads them
// (--name=value, --name value, an unambiguous prefix). On an unknown option
// prints "NAME: unrecognized option '--X'"/"invalid option -- 'X'" and
// busybox's usage (or Opts::usage) and returns false.
struct Opts {
    // Set before parse_opts for a program that is not a busybox applet
    // (shadow's useradd, GNU coreutils): what it prints after a bad option,
    // instead of busybox's banner and usage line.
    std::string usage;
    std::set<char> on;
    std::map<char, std::vector<std::string>> args;
    std::vector<std::string> operands;
    bool has(char c) const { return on.count(c) > 0; }
    const std::string* arg(char c) const {
        auto it = args.find(c);
        return it == args.end() || it->second.empty() ? nullptr : &it->second.back();
    }
};
bool parse_opts(Ctx& ctx, std::string_view flags, Opts& o, bool permute = true,
                const std::vector<std::pair<std::string, char>>& long_opts = {});

}  // namespace ll::shell
