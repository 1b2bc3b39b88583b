// interp.cpp: executing the syntax tree (see interp.h).
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): Sink::write_blob, BufferSink::spill, BufferSink::write, BufferSink::write_blob,
//            BufferSink::take, TermSink::TermSink, TermSink::write, TermSink::write_blob,
//            TermSink::is_terminal, NullSink::NullSink, NullSink::write, NullSink::write_blob,
//            NullSink::is_null, FileSink::FileSink, FileSink::~FileSink, FileSink::write,
//            FileSink::write_blob, FileSink::flush, Ctx::out, Ctx::err, Ctx::errmsg, Ctx::path,
//            Ctx::cwd, Ctx::getenv, Ctx::charge_bytes, Ctx::stopped, splitmix, Ctx::stdin_blob,
//            Ctx::stdin_text, Ctx::read_line, Ctx::file_blob, Ctx::file_text, ash_bucket,
//            Interp::Interp, Interp::setup_user, Interp::init_shell_vars, Interp::start,
//            Interp::sync_container
//   budget: Interp::charge, Interp::charge_data, Interp::abort_run, Interp::raise_error
//   output: Interp::term_write, Interp::ash_msg, Interp::sh_error, Interp::note
//   variables: Interp::get_var, Interp::set_var, Interp::unset_var, Interp::exported_env,
//              Interp::note_var_order, Interp::abs_path
//   users: Interp::user_name, Interp::group_name, Interp::uid_of, Interp::gid_of,
//          Interp::home_of_user, Interp::run_script, Interp::reset_for_line, Interp::run_text,
//          Interp::take_result, Interp::run_exit_trap, Interp::flush_files, Interp::subshell,
//          Interp::capture, Interp::check_exit, Interp::exec, Interp::exec_list,
//          Interp::exec_pipeline, Interp::exec_loop, Interp::exec_for, Interp::exec_case
//   simple commands: Interp::xtrace_quote, Interp::exec_simple, archive_holds, stand_in_tree_note, Interp::run_command,
//                    Interp::not_found_note, Interp::call_function, Interp::make_local,
//                    Interp::run_child_shell, is_busybox_file, missing_interpreter, Interp::exec_file
//   redirections: open_errmsg, Interp::redirect, RunResult::combined, RunResult::stdout_text,
//                 RunResult::stderr_text, run, Session::Session, Session::exec, Session::cwd,
//                 Session::var, Session::last_status, Session::exited, Session::prompt
#include "core/shell/interp.h"

#include <algorithm>
#include <cstring>

#include "core/shell/parser.h"
#include "core/standin.h"
#include "core/users.h"

namespace ll::shell {

// ================================================================= sinks

void Sink::write_blob(BlobId b) {
    if (!m_sh) return;
    const BlobStore& blobs = m_sh->c.store().blobs;
    uint64_t n = blobs.size(b), off = 0;
    std::string buf;
    while (off < n && !m_sh->aborted()) {
        size_t want = size_t(std::min<uint64_t>(n - off, 64 * 1024));
        buf.resize(want);
        size_t got = blobs.read(b, off, want, buf.data());
        write(std::string_view(buf.data(), got));
        off += got;
        if (got == 0) break;
    }
}

void BufferSink::spill() {
    if (m_pending.empty()) return;
    BlobStore& blobs = m_sh->c.store().blobs;
    BlobId p = blobs.bytes(std::move(m_pending));
    m_pending.clear();
    m_acc = m_acc == k_empty_blob ? p : blobs.concat(m_acc, p);
}

void BufferSink::write(std::string_view s) {
    m_pending.append(s);
    m_size += s.size();
    if (m_pending.size() >= BlobStore::k_inline_max) spill();
}

void BufferSink::write_blob(BlobId b) {
    BlobStore& blobs = m_sh->c.store().blobs;
    uint64_t n = blobs.size(b);
    if (n == 0) return;
    if (n < 4096 && blobs.is_literal(b)) {
        write(blobs.read_all(b));
        return;
    }
    spill();
    m_acc = m_acc == k_empty_blob ? b : blobs.concat(m_acc, b);
    m_size += n;
}

BlobId BufferSink::take() {
    spill();
    BlobId b = m_acc;
    m_acc = k_empty_blob;
    m_size = 0;
    return b;
}

namespace {

class TermSink final : public Sink {
public:
    TermSink(Interp& sh, int fd) : Sink(&sh), m_fd(fd) {}
    void write(std::string_view s) override { m_sh->term_write(m_fd, s); }
    void write_blob(BlobId b) override {
        // Only what the terminal can still show is read.
        const BlobStore& blobs = m_sh->c.store().blobs;
        uint64_t n = std::min<uint64_t>(blobs.size(b), m_sh->opt.output_limit + 1);
        std::string s(size_t(n), '\0');
        blobs.read(b, 0, size_t(n), s.data());
        m_sh->term_write(m_fd, s);
    }
    bool is_terminal() const override { return true; }

private:
    int m_fd;
};

class NullSink final : public Sink {
public:
    NullSink() : Sink(nullptr) {}
    void write(std::string_view) override {}
    void write_blob(BlobId) override {}
    bool is_null() const override { return true; }
};

// A file opened by a redirection. The open (O_TRUNC or O_APPEND) already
// happened; written data is buffered and appended to the file in the
// container when the command ends (or the buffer grows large), so a loop
// writing to one redirection makes one write, not thousands.
class FileSink final : public Sink {
public:
    FileSink(Interp& sh, std::string path) : Sink(&sh), m_path(std::move(path)), m_buf(sh) {}
    ~FileSink() override { flush(); }
    void write(std::string_view s) override {
        m_buf.write(s);
        if (m_buf.size() >= (uint64_t(4) << 20)) flush();
    }
    void write_blob(BlobId b) override { m_buf.write_blob(b); }
    void flush() override {
        if (m_buf.size() == 0) return;
        BlobId b = m_buf.take();
        Container& c = m_sh->c;
        // An append grows the file's buffer in place (blob.h): what it costs
        // is the bytes appended, so that is what the data budget counts.
        const BlobStore& blobs = c.store().blobs;
        if (blobs.is_literal(b) && !m_sh->charge_data(blobs.size(b))) return;
        (void)c.write(m_path, b, WriteMode::append);
    }

private:
    std::string m_path;
    BufferSink m_buf;
};

}  // namespace

// ================================================================= Ctx

void Ctx::out(std::string_view s) const {
    if (fds.out[1]) fds.out[1]->write(s);
}
void Ctx::err(std::string_view s) const {
    if (fds.out[2]) fds.out[2]->write(s);
}
void Ctx::errmsg(std::string_view msg) const {
    std::string s = name();
    s += ": ";
    s += msg;
    s += '\n';
    err(s);
}
std::string Ctx::path(std::string_view p) const { return sh.abs_path(p); }
const std::string& Ctx::cwd() const { return sh.st.cwd; }
const std::string* Ctx::getenv(std::string_view k) const {
    for (auto it = env.rbegin(); it != env.rend(); ++it)
        if (it->first == k) return &it->second;
    return nullptr;
}
bool Ctx::charge_bytes(uint64_t bytes) const { return sh.charge(bytes / 4096); }
bool Ctx::stopped() const { return sh.aborted(); }

namespace {
uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
}  // namespace

std::optional<BlobId> Ctx::stdin_blob() const {
    Source& s = *fds.in;
    if (s.kind != Source::Kind::blob) {
        sh.abort_run(name() + " reads " + (s.kind == Source::Kind::zero ? "/dev/zero" : "/dev/urandom") +
                     " to its end, which never comes: the command would run forever");
        return std::nullopt;
    }
    BlobStore& blobs = c.store().blobs;
    uint64_t n = blobs.size(s.blob);
    BlobId b = s.pos == 0 ? s.blob : blobs.slice(s.blob, s.pos, n - std::min(n, s.pos));
    if (!charge_bytes(n - std::min(n, s.pos))) return std::nullopt;
    s.pos = n;
    return b;
}

std::optional<std::string> Ctx::stdin_text() const {
    Source& s = *fds.in;
    if (s.kind == Source::Kind::blob) {
        uint64_t n = c.store().blobs.size(s.blob);
        if (n - std::min(n, s.pos) > k_text_limit) {
            errmsg("standard input is too large for layerlab's text tools (" + format_bytes(n) + ")");
            return std::nullopt;
        }
    }
    std::optional<BlobId> b = stdin_blob();
    if (!b) return std::nullopt;
    return c.store().blobs.read_all(*b);
}

bool Ctx::read_line(std::string& line, bool* had_newline) const {
    line.clear();
    if (had_newline) *had_newline = false;
    Source& s = *fds.in;
    if (s.kind == Source::Kind::zero) {
        // a "line" of /dev/zero never ends
        sh.abort_run(name() + " reads a line from /dev/zero, which never ends");
        return false;
    }
    if (s.kind == Source::Kind::urandom) {
        for (int i = 0; i < 4096; ++i) {
            char ch = char(splitmix(s.seed) & 0xff);
            if (ch == '\n') {
                if (had_newline) *had_newline = true;
                return true;
            }
            line += ch;
        }
        return true;
    }
    const BlobStore& blobs = c.store().blobs;
    uint64_t n = blobs.size(s.blob);
    if (s.pos >= n) return false;
    char buf[4096];
    while (s.pos < n) {
        size_t got = blobs.read(s.blob, s.pos, sizeof buf, buf);
        if (got == 0) break;
        const char* nl = static_cast<const char*>(memchr(buf, '\n', got));
        if (nl) {
            size_t k = size_t(nl - buf);
            line.append(buf, k);
            s.pos += k + 1;
            if (had_newline) *had_newline = true;
            return true;
        }
        line.append(buf, got);
        s.pos += got;
        if (line.size() > k_text_limit) break;
    }
    return true;
}

std::optional<BlobId> Ctx::file_blob(std::string_view user_path, bool quiet) const {
    if (user_path == "-" || user_path == "/dev/stdin" || user_path == "/dev/fd/0") return stdin_blob();
    if (user_path == "/dev/null") return k_empty_blob;
    std::string p = path(user_path);
    if (p == "/dev/zero" || p == "/dev/urandom" || p == "/dev/random") {
        sh.abort_run(name() + " reads " + p + " to its end, which never comes: the command would run forever");
        return std::nullopt;
    }
    sh.sync_container();
    Result<BlobId> b = c.read(p);
    if (!b && b.error().code == Errc::enoent) {
        // a file of a download layerlab stood in for (core/standin.h): read as empty, and said so
        if (std::string tree = standin::stand_in_tree_of(c, p); !tree.empty()) {
            sh.note(standin::tree_member_note(name(), p, tree, "read (it was read as empty)"));
            return k_empty_blob;
        }
    }
    if (!b) {
        if (!quiet) errmsg("can't open '" + std::string(user_path) + "': " + errno_text(b.error().code));
        return std::nullopt;
    }
    if (!charge_bytes(c.store().blobs.size(*b))) return std::nullopt;
    return *b;
}

std::optional<std::string> Ctx::file_text(std::string_view user_path, bool quiet) const {
    std::optional<BlobId> b = file_blob(user_path, quiet);
    if (!b) return std::nullopt;
    uint64_t n = c.store().blobs.size(*b);
    if (n > k_text_limit) {
        errmsg(std::string(user_path) + ": too large for layerlab's text tools (" + format_bytes(n) + ", limit " +
               format_bytes(k_text_limit) + ")");
        return std::nullopt;
    }
    return c.store().blobs.read_all(*b);
}

// ================================================================= Interp

namespace {
// busybox ash's variable hash (vartab): `env` lists exported variables in
// bucket order, each bucket in insertion order.
unsigned ash_bucket(std::string_view name) {
    if (name.empty()) return 0;
    unsigned h = unsigned(static_cast<unsigned char>(name[0])) << 4;
    for (char ch : name) h += static_cast<unsigned char>(ch);
    return h % 39;
}
}  // namespace

Interp::Interp(Container& container, Options o, bool inter) : c(container), opt(std::move(o)), interactive(inter) {
    st.arg0 = opt.arg0.empty() ? "sh" : opt.arg0;
    // PATH first: ash's initial variable table holds it before the environment.
    st.vars["PATH"] = Var{k_default_path, true, false};
    m_seq["PATH"] = m_next_seq++;
    for (const std::string& kv : opt.env) {
        size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        std::string k = kv.substr(0, eq);
        if (!m_seq.count(k)) m_seq[k] = m_next_seq++;
        st.vars[k] = Var{kv.substr(eq + 1), true, false};
    }
    m_top.in = std::make_shared<Source>();
    m_top.out[1] = std::make_shared<TermSink>(*this, 1);
    m_top.out[2] = std::make_shared<TermSink>(*this, 2);
    st.xtrace = opt.xtrace;
    if (interactive) st.mode_flag = 'i';
}

Interp::~Interp() = default;

bool Interp::setup_user() {
    // runc: USER resolves through the container's /etc/passwd and /etc/group.
    Cred cred;
    std::string home = "/";
    const std::string& u = opt.user;
    if (!u.empty()) {
        std::string user = u, group;
        size_t colon = u.find(':');
        if (colon != std::string::npos) {
            user = u.substr(0, colon);
            group = u.substr(colon + 1);
        }
        std::optional<int64_t> num = parse_int(user);
        bool found = false;
        std::string name;
        for (const users::Line& l : users::read(c, "/etc/passwd")) {
            const std::vector<std::string>& f = l.f;
            if (f.size() < 7) continue;
            std::optional<int64_t> uid = parse_int(f[2]);
            if (!uid) continue;
            if ((num && *uid == *num) || (!num && f[0] == user)) {
                cred.uid = uint32_t(*uid);
                cred.gid = uint32_t(parse_int(f[3]).value_or(0));
                home = f[5];
                name = f[0];
                found = true;
                break;
            }
        }
        if (!found) {
            if (!num || *num < 0 || *num > 0xffffffffll) {
                std::string msg = "unable to find user " + user + ": no matching entries in passwd file";
                term_write(2, msg + "\n");
                result.error = msg;
                return false;
            }
            cred.uid = uint32_t(*num);
            cred.gid = 0;
        }
        if (!group.empty()) {
            std::optional<int64_t> gnum = parse_int(group);
            std::optional<uint32_t> g = gnum ? std::optional<uint32_t>(uint32_t(*gnum)) : gid_of(group);
            if (!g) {
                std::string msg = "unable to find group " + group + ": no matching entries in group file";
                term_write(2, msg + "\n");
                result.error = msg;
                return false;
            }
            cred.gid = *g;
        }
        if (found) {
            // supplementary groups: the user's own group and every group
            // listing the user, sorted as the kernel keeps them (what a
            // process started with initgroups() sees)
            if (cred.uid != 0) cred.groups.push_back(cred.gid);
            for (const users::Line& g : users::read(c, "/etc/group")) {
                if (g.f.size() < 4) continue;
                for (const std::string& m : g.members())
                    if (m == name) {
                        if (std::optional<int64_t> id = parse_int(g.f[2])) cred.groups.push_back(uint32_t(*id));
                    }
            }
            std::sort(cred.groups.begin(), cred.groups.end());
            cred.groups.erase(std::unique(cred.groups.begin(), cred.groups.end()), cred.groups.end());
        }
    } else {
        for (const users::Line& l : users::read(c, "/etc/passwd"))
            if (l.f.size() >= 7 && l.f[2] == "0") {
                home = l.f[5];
                break;
            }
    }
    c.set_cred(cred);
    if (!st.vars.count("HOME")) {
        m_seq["HOME"] = m_next_seq++;
        st.vars["HOME"] = Var{home.empty() ? "/" : home, true, false};
    }
    return true;
}

void Interp::init_shell_vars() {
    // What ash sets up itself: IFS, PS1/PS2/PS4, OPTIND, PPID (not exported);
    // PWD and SHLVL (exported).
    auto def = [&](const char* k, std::string v, bool exported) {
        if (!m_seq.count(k)) m_seq[k] = m_next_seq++;
        auto it = st.vars.find(k);
        if (it == st.vars.end()) {
            st.vars[k] = Var{std::move(v), exported, false};
        } else if (exported) {
            it->second.exported = true;
        }
    };
    def("IFS", " \t\n", false);
    def("PS1", c.cred().uid == 0 ? "\\w # " : "\\w $ ", false);
    def("PS2", "> ", false);
    def("PS4", "+ ", false);
    def("OPTIND", "1", false);
    def("PPID", "0", false);
    int lvl = 0;
    if (auto it = st.vars.find("SHLVL"); it != st.vars.end()) lvl = int(parse_int(it->second.value).value_or(0));
    def("SHLVL", "", !opt.exec_form);
    st.vars["SHLVL"].value = std::to_string(opt.exec_form ? lvl : lvl + 1);
    std::string wd = opt.working_dir.empty() ? "/" : normalize_path(opt.working_dir);
    st.cwd = wd;
    def("PWD", wd, !opt.exec_form);
    st.vars["PWD"].value = wd;
}

bool Interp::start() {
    if (m_started) return m_start_ok;
    m_started = true;
    m_start_ok = setup_user();
    if (m_start_ok) init_shell_vars();
    sync_container();
    if (m_start_ok) {
        // A WorkingDir that does not exist: runc creates it (BuildKit does too).
        Result<Stat> wd = c.stat(st.cwd);
        if (!wd) (void)mkdir_p(c, st.cwd, 0755);
    }
    return m_start_ok;
}

void Interp::sync_container() { c.set_umask(st.umask); }

// ---------------------------------------------------------------- budget

bool Interp::charge(uint64_t n) {
    if (m_aborted) return false;
    steps += n;
    if (steps > opt.step_budget) {
        abort_run("stopped after " + std::to_string(opt.step_budget) +
                  " steps (layerlab's step budget): the script looks like it runs forever, or does too much work "
                  "for the simulator");
        return false;
    }
    return true;
}

bool Interp::charge_data(uint64_t bytes) {
    if (m_aborted) return false;
    data_used += bytes;
    if (data_used > opt.data_budget) {
        abort_run("stopped: this command wrote more than " + format_bytes(opt.data_budget) +
                  " of new file data (" + format_bytes(data_used) +
                  "), layerlab's data budget for one command, which keeps what files hold in the page's memory");
        return false;
    }
    return charge(bytes / 4096);
}

void Interp::abort_run(std::string why) {
    if (m_aborted) return;
    m_aborted = true;
    result.budget_exceeded = true;
    result.error = why;
    term_write(2, "layerlab: " + why + "\n");
    flow = Flow::exit;
    exit_status = 137;
}

void Interp::raise_error(int status) {
    exit_status = status;
    flow = Flow::error;
}

// ---------------------------------------------------------------- output

void Interp::term_write(int fd, std::string_view s) {
    if (s.empty()) return;
    if (result.output_truncated) return;
    if (m_out_bytes + s.size() > opt.output_limit) {
        size_t room = size_t(opt.output_limit - std::min<uint64_t>(opt.output_limit, m_out_bytes));
        if (room) term_write(fd, s.substr(0, room));
        result.output_truncated = true;
        result.output.push_back(OutputChunk{2, "\n[output truncated]\n"});
        return;
    }
    m_out_bytes += s.size();
    if (!result.output.empty() && result.output.back().fd == fd) {
        result.output.back().text.append(s);
    } else {
        result.output.push_back(OutputChunk{fd, std::string(s)});
    }
}

void Interp::ash_msg(const Fds& fds, std::string_view command, std::string_view msg) {
    std::string s = st.arg0 + ": ";
    if (!command.empty()) {
        if (command != st.arg0) {
            s += command;
            s += ": ";
        }
        if (!interactive || st.in_script) {
            // ash counts -c strings' lines from 0 and files' from 1
            uint32_t n = st.in_script ? lineno : (lineno > 0 ? lineno - 1 : 0);
            s += "line " + std::to_string(n) + ": ";
        }
    }
    s += msg;
    s += '\n';
    if (fds.out[2]) fds.out[2]->write(s);
}

void Interp::sh_error(const Fds& fds, std::string_view msg) {
    ash_msg(fds, st.in_script ? std::string_view(st.arg0) : std::string_view(), msg);
}

void Interp::note(std::string text) {
    if (std::find(result.notes.begin(), result.notes.end(), text) == result.notes.end())
        result.notes.push_back(std::move(text));
}

// ---------------------------------------------------------------- variables

const std::string* Interp::get_var(std::string_view name) const {
    auto it = st.vars.find(name);
    return it == st.vars.end() ? nullptr : &it->second.value;
}

bool Interp::set_var(std::string_view name, std::string value, const Fds* fds) {
    auto it = st.vars.find(name);
    if (it != st.vars.end()) {
        if (it->second.readonly) {
            if (fds) sh_error(*fds, std::string(name) + ": is read only");
            return false;
        }
        it->second.value = std::move(value);
        return true;
    }
    std::string k(name);
    if (!m_seq.count(k)) m_seq[k] = m_next_seq++;
    st.vars.emplace(std::move(k), Var{std::move(value), false, false});
    return true;
}

void Interp::unset_var(std::string_view name) {
    auto it = st.vars.find(name);
    if (it != st.vars.end() && !it->second.readonly) st.vars.erase(it);
}

std::vector<std::pair<std::string, std::string>> Interp::exported_env() const {
    std::vector<std::tuple<unsigned, uint64_t, const std::string*, const std::string*>> order;
    for (const auto& [k, v] : st.vars) {
        if (!v.exported) continue;
        auto s = m_seq.find(k);
        order.emplace_back(ash_bucket(k), s == m_seq.end() ? 0 : s->second, &k, &v.value);
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
        return std::get<1>(a) < std::get<1>(b);
    });
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& t : order) out.emplace_back(*std::get<2>(t), *std::get<3>(t));
    return out;
}

void Interp::note_var_order(const std::string& name) {
    if (!m_seq.count(name)) m_seq[name] = m_next_seq++;
}

std::string Interp::abs_path(std::string_view p) const {
    if (!p.empty() && p[0] == '/') return std::string(p);
    std::string s = st.cwd;
    if (p.empty()) return s;
    if (s.empty() || s.back() != '/') s += '/';
    s += p;
    return s;
}

// ---------------------------------------------------------------- users

std::string Interp::user_name(uint32_t uid) const {
    const users::Db pw = users::read(c, "/etc/passwd");
    const users::Line* l = users::find_id(pw, uid);
    return l ? l->f[0] : std::string();
}
std::string Interp::group_name(uint32_t gid) const {
    const users::Db gr = users::read(c, "/etc/group");
    const users::Line* l = users::find_id(gr, gid);
    return l ? l->f[0] : std::string();
}
std::optional<uint32_t> Interp::uid_of(std::string_view name) const {
    const users::Db pw = users::read(c, "/etc/passwd");
    const users::Line* l = users::find_name(pw, name);
    return l ? l->id() : std::nullopt;
}
std::optional<uint32_t> Interp::gid_of(std::string_view name) const {
    const users::Db gr = users::read(c, "/etc/group");
    const users::Line* l = users::find_name(gr, name);
    return l ? l->id() : std::nullopt;
}
std::string Interp::home_of_user() const {
    const std::string* h = get_var("HOME");
    return h ? *h : std::string("/");
}

// ================================================================= running

void Interp::run_script(std::string_view script, std::string_view script_name) {
    if (!start()) {
        result.status = 126;
        st.status = 126;
        return;
    }
    int s = run_text(script, m_top, script_name);
    st.status = s;
    if (!m_aborted) {
        if (flow == Flow::exit) {
            run_exit_trap(m_top);
            exited = true;
        } else if (flow == Flow::error) {
            if (interactive) {
                flow = Flow::none;
            } else {
                run_exit_trap(m_top);
            }
        } else if (!interactive) {
            run_exit_trap(m_top);
        }
        if (interactive) flow = Flow::none;
    }
    flush_files();
    result.status = m_aborted ? 137 : st.status;
    // A step that failed on a command the image lacks (or layerlab does not
    // simulate): the error leads with that cause.
    if (result.status == 127 && result.error.empty() && !last_not_simulated.empty() && !result.notes.empty())
        result.error = result.notes.back();
}

void Interp::reset_for_line() {
    m_aborted = false;
    last_not_simulated.clear();
    flow = Flow::none;
    steps = 0;
    data_used = 0;
    result = RunResult{};
    m_out_bytes = 0;
}

int Interp::run_text(std::string_view script, Fds& fds, std::string_view script_name) {
    Parser p(script);
    int status = st.status;
    for (;;) {
        if (m_aborted) return exit_status;
        Result<NodePtr> r = p.next();
        if (!r) {
            const Error& e = r.error();
            (void)script_name;
            uint32_t saved_line = lineno;
            lineno = e.where.line;
            sh_error(fds, e.message);
            lineno = saved_line;
            if (result.syntax_error.message.empty()) result.syntax_error = e;
            raise_error(2);
            st.status = 2;
            return 2;
        }
        if (!*r) break;
        status = exec(**r, fds, false);
        st.status = status;
        if (flow == Flow::exit || flow == Flow::error) return exit_status;
        if (flow == Flow::brk || flow == Flow::cont) flow = Flow::none;  // break outside a loop
        if (flow == Flow::ret) {
            flow = Flow::none;
            // `return` at the top of a sourced script or sh -c: ends it
            return st.status;
        }
    }
    return status;
}

RunResult Interp::take_result() {
    RunResult r = std::move(result);
    result = RunResult{};
    r.steps = steps;
    m_out_bytes = 0;
    return r;
}

void Interp::run_exit_trap(Fds& fds) {
    if (!st.has_exit_trap) return;
    std::string t = st.exit_trap;
    st.has_exit_trap = false;
    st.exit_trap.clear();
    Flow saved = flow;
    int saved_status = exit_status;
    flow = Flow::none;
    int keep = st.status;
    (void)run_text(t, fds, {});
    st.status = keep;
    if (!m_aborted) {
        flow = saved;
        exit_status = saved_status;
    }
}

void Interp::flush_files() {
    std::vector<std::weak_ptr<Sink>> keep;
    for (auto& w : m_files) {
        if (auto s = w.lock()) {
            s->flush();
            keep.push_back(w);
        }
    }
    m_files.swap(keep);
}

int Interp::subshell(const std::function<int()>& fn) {
    if (depth >= k_max_depth) {
        term_write(2, "sh: layerlab: subshells nested too deeply\n");
        return 2;
    }
    ++depth;
    State saved = st;
    int saved_loop = loop_depth, saved_func = func_depth;
    st.has_exit_trap = false;  // traps are reset in a subshell
    st.exit_trap.clear();
    loop_depth = 0;
    int status = fn();
    if (!m_aborted && (flow == Flow::exit || flow == Flow::error)) status = exit_status;
    if (!m_aborted && st.has_exit_trap) {
        Fds f = m_top;
        run_exit_trap(f);
    }
    if (!m_aborted) flow = Flow::none;
    flush_files();
    st = std::move(saved);
    loop_depth = saved_loop;
    func_depth = saved_func;
    --depth;
    sync_container();
    return status;
}

std::string Interp::capture(const NodePtr& body, const Fds& fds, int& status) {
    auto buf = std::make_shared<BufferSink>(*this);
    Fds f = fds;
    f.out[1] = buf;
    status = 0;
    if (body) status = subshell([&] { return exec(*body, f, false); });
    BlobId b = buf->take();
    uint64_t n = c.store().blobs.size(b);
    if (n > k_text_limit) {
        abort_run("a command substitution produced " + format_bytes(n) + " of output; layerlab keeps at most " +
                  format_bytes(k_text_limit));
        return {};
    }
    return c.store().blobs.read_all(b);
}

bool Interp::check_exit(int status, bool tested) {
    if (st.errexit && !tested && status != 0 && flow == Flow::none) {
        exit_status = status;
        flow = Flow::exit;
        return true;
    }
    return false;
}

int Interp::exec(const Node& n, Fds& fds, bool tested) {
    if (m_aborted) return exit_status;
    switch (n.kind) {
    case NodeKind::list: return exec_list(n, fds, tested);
    case NodeKind::and_or: {
        int status = 0;
        size_t last = n.kids.size() - 1;
        status = exec(*n.kids[0], fds, true);
        for (size_t i = 0; i < n.ops.size(); ++i) {
            if (flow != Flow::none) return status;
            bool run_next = n.ops[i] ? status == 0 : status != 0;
            if (run_next) status = exec(*n.kids[i + 1], fds, i + 1 == last ? tested : true);
        }
        st.status = status;
        return status;
    }
    case NodeKind::pipeline: return exec_pipeline(n, fds, tested);
    case NodeKind::simple: return exec_simple(n, fds, tested);
    case NodeKind::subshell: {
        if (!charge()) return exit_status;
        Fds f = fds;
        std::vector<SinkPtr> opened;
        if (!redirect(n.redirs, f, opened)) {
            st.status = 1;
            check_exit(1, tested);
            return 1;
        }
        int status = subshell([&] { return exec(*n.kids[0], f, tested); });
        st.status = status;
        check_exit(status, tested);
        return status;
    }
    case NodeKind::group: {
        if (n.redirs.empty()) return exec(*n.kids[0], fds, tested);
        Fds f = fds;
        std::vector<SinkPtr> opened;
        if (!redirect(n.redirs, f, opened)) {
            st.status = 1;
            return 1;
        }
        return exec(*n.kids[0], f, tested);
    }
    case NodeKind::if_: {
        Fds f = fds;
        std::vector<SinkPtr> opened;
        if (!n.redirs.empty() && !redirect(n.redirs, f, opened)) {
            st.status = 1;
            return 1;
        }
        size_t i = 0;
        for (; i + 1 < n.kids.size(); i += 2) {
            int c0 = exec(*n.kids[i], f, true);
            if (flow != Flow::none) return c0;
            if (c0 == 0) {
                int s = exec(*n.kids[i + 1], f, tested);
                st.status = s;
                return s;
            }
        }
        if (i < n.kids.size()) {
            int s = exec(*n.kids[i], f, tested);
            st.status = s;
            return s;
        }
        st.status = 0;
        return 0;
    }
    case NodeKind::while_: return exec_loop(n, fds, tested, false);
    case NodeKind::until_: return exec_loop(n, fds, tested, true);
    case NodeKind::for_: return exec_for(n, fds, tested);
    case NodeKind::case_: return exec_case(n, fds, tested);
    case NodeKind::funcdef:
        st.funcs[n.name] = n.kids[0];
        st.status = 0;
        return 0;
    }
    return 0;
}

int Interp::exec_list(const Node& n, Fds& fds, bool tested) {
    int status = st.status;
    for (const NodePtr& k : n.kids) {
        status = exec(*k, fds, tested);
        st.status = status;
        if (flow != Flow::none || m_aborted) return flow == Flow::exit || flow == Flow::error ? exit_status : status;
    }
    return status;
}

int Interp::exec_pipeline(const Node& n, Fds& fds, bool tested) {
    if (n.kids.size() == 1) {
        int s = exec(*n.kids[0], fds, tested || n.bang);
        if (flow != Flow::none) return s;
        if (n.bang) s = s == 0 ? 1 : 0;
        st.status = s;
        return s;
    }
    SourcePtr in = fds.in;
    int status = 0, failed = 0;
    for (size_t i = 0; i < n.kids.size(); ++i) {
        if (m_aborted) return exit_status;
        Fds f = fds;
        f.in = in;
        std::shared_ptr<BufferSink> buf;
        if (i + 1 < n.kids.size()) {
            buf = std::make_shared<BufferSink>(*this);
            f.out[1] = buf;
        }
        const Node& kid = *n.kids[i];
        status = subshell([&] { return exec(kid, f, n.bang ? true : tested); });
        if (status != 0) failed = status;
        if (buf) {
            auto src = std::make_shared<Source>();
            src->blob = buf->take();
            in = src;
        }
    }
    if (m_aborted) return exit_status;
    if (pipefail && status == 0) status = failed;
    if (n.bang) {
        status = status == 0 ? 1 : 0;
        st.status = status;
        return status;
    }
    st.status = status;
    check_exit(status, tested);
    return status;
}

int Interp::exec_loop(const Node& n, Fds& fds, bool tested, bool until) {
    Fds f = fds;
    std::vector<SinkPtr> opened;
    if (!n.redirs.empty() && !redirect(n.redirs, f, opened)) {
        st.status = 1;
        return 1;
    }
    int status = 0;
    ++loop_depth;
    for (;;) {
        if (!charge()) break;
        int cond = exec(*n.kids[0], f, true);
        if (flow == Flow::brk || flow == Flow::cont) {
            // break inside the condition acts on this loop
        }
        if (flow != Flow::none) {
            if (flow == Flow::brk) {
                if (--flow_count <= 0) flow = Flow::none;
                break;
            }
            if (flow == Flow::cont) {
                if (--flow_count <= 0) {
                    flow = Flow::none;
                    continue;
                }
                break;
            }
            --loop_depth;
            return cond;
        }
        if ((cond == 0) == until) break;
        status = exec(*n.kids[1], f, tested);
        if (flow == Flow::brk) {
            if (--flow_count <= 0) flow = Flow::none;
            break;
        }
        if (flow == Flow::cont) {
            if (--flow_count <= 0) {
                flow = Flow::none;
                continue;
            }
            break;
        }
        if (flow != Flow::none) break;
    }
    --loop_depth;
    if (flow == Flow::exit || flow == Flow::error) return exit_status;
    st.status = status;
    return status;
}

int Interp::exec_for(const Node& n, Fds& fds, bool tested) {
    Fds f = fds;
    std::vector<SinkPtr> opened;
    if (!n.redirs.empty() && !redirect(n.redirs, f, opened)) {
        st.status = 1;
        return 1;
    }
    std::vector<std::string> items;
    if (n.has_in) {
        if (!expand_words(n.words, items, f)) return exit_status;
    } else {
        items = st.params;
    }
    int status = 0;
    ++loop_depth;
    for (const std::string& v : items) {
        if (!charge()) break;
        if (!set_var(n.name, v, &f)) {
            raise_error(2);
            break;
        }
        status = exec(*n.kids[0], f, tested);
        if (flow == Flow::brk) {
            if (--flow_count <= 0) flow = Flow::none;
            break;
        }
        if (flow == Flow::cont) {
            if (--flow_count <= 0) {
                flow = Flow::none;
                continue;
            }
            break;
        }
        if (flow != Flow::none) break;
    }
    --loop_depth;
    if (flow == Flow::exit || flow == Flow::error) return exit_status;
    st.status = status;
    return status;
}

int Interp::exec_case(const Node& n, Fds& fds, bool tested) {
    Fds f = fds;
    std::vector<SinkPtr> opened;
    if (!n.redirs.empty() && !redirect(n.redirs, f, opened)) {
        st.status = 1;
        return 1;
    }
    std::string subject;
    if (!expand_string(n.words[0], subject, f)) return exit_status;
    for (const CaseItem& item : n.items) {
        for (const Word& p : item.patterns) {
            std::string pat;
            if (!expand_pattern(p.parts, pat, f)) return exit_status;
            if (glob_match(pat, subject)) {
                int s = item.body ? exec(*item.body, f, tested) : 0;
                st.status = s;
                return s;
            }
        }
    }
    st.status = 0;
    return 0;
}

// ---------------------------------------------------------------- simple commands

std::string Interp::xtrace_quote(std::string_view s) const {
    // busybox ash: a reserved word is always quoted, anything else by
    // maybe_single_quote() unless every byte is safe
    static constexpr std::string_view k_words[] = {"!",    "case",  "do",    "done",     "elif", "else",
                                                   "esac", "fi",    "for",   "function", "if",   "in",
                                                   "then", "until", "while", "{",        "}"};
    bool need = std::find(std::begin(k_words), std::end(k_words), s) != std::end(k_words);
    for (char ch : need ? std::string_view() : s) {
        unsigned char u = static_cast<unsigned char>(ch);
        if (u < '+' || (u >= ';' && u <= '?') || u == '`' || u == '[' || u == '\\' || u > 'z') {
            need = true;
            break;
        }
    }
    if (!need) return std::string(s);
    std::string out;
    size_t i = 0;
    do {
        size_t q = s.find('\'', i);
        size_t len = (q == std::string_view::npos ? s.size() : q) - i;
        out += '\'';
        out.append(s.substr(i, len));
        out += '\'';
        i += len;
        if (i >= s.size()) break;
        size_t j = i;
        while (j < s.size() && s[j] == '\'') ++j;
        out += '"';
        out.append(s.substr(i, j - i));
        out += '"';
        i = j;
    } while (i < s.size());
    return out;
}

int Interp::exec_simple(const Node& n, Fds& fds, bool tested) {
    if (!charge()) return exit_status;
    flush_files();
    lineno = n.line;
    cmdsub_status = -1;
    std::vector<std::string> argv;
    if (!expand_words(n.words, argv, fds)) return exit_status;
    // prefix assignments
    std::vector<std::pair<std::string, std::string>> assigns;
    for (const Word& w : n.assigns) {
        const std::string& first = w.parts[0].text;
        size_t eq = first.find('=');
        std::string name = first.substr(0, eq);
        Word rest;
        rest.parts = w.parts;
        rest.parts[0].text = first.substr(eq + 1);
        std::string value;
        if (!expand_assignment(rest, value, fds)) return exit_status;
        assigns.emplace_back(std::move(name), std::move(value));
    }
    if (st.xtrace && (!argv.empty() || !assigns.empty())) {
        const std::string* ps4 = get_var("PS4");
        std::string line = ps4 ? *ps4 : std::string();
        bool first = true;
        for (const auto& [k, v] : assigns) {
            if (!first) line += ' ';
            first = false;
            line += k + "=" + xtrace_quote(v);
        }
        for (const std::string& a : argv) {
            if (!first) line += ' ';
            first = false;
            line += xtrace_quote(a);
        }
        line += '\n';
        if (fds.out[2]) fds.out[2]->write(line);
    }
    if (argv.empty()) {
        for (auto& [k, v] : assigns) {
            if (!set_var(k, v, &fds)) {
                raise_error(2);
                return 2;
            }
        }
        int status = cmdsub_status >= 0 ? cmdsub_status : 0;
        if (!n.redirs.empty()) {
            Fds f = fds;
            std::vector<SinkPtr> opened;
            if (!redirect(n.redirs, f, opened)) status = 1;
        }
        st.status = status;
        check_exit(status, tested);
        return status;
    }
    if (argv[0] == "exec" && argv.size() == 1) {
        // exec with redirections only: they stay for the rest of the shell
        std::vector<SinkPtr> opened;
        int status = redirect(n.redirs, fds, opened) ? 0 : 1;
        st.status = status;
        check_exit(status, tested);
        return status;
    }
    Fds f = fds;
    std::vector<SinkPtr> opened;
    if (!redirect(n.redirs, f, opened)) {
        st.status = 1;
        check_exit(1, tested);
        return 1;
    }
    cur_tested = tested;
    int status = run_command(std::move(argv), f, assigns);
    if (flow == Flow::exit || flow == Flow::error) return exit_status;
    st.status = status;
    check_exit(status, tested);
    return status;
}

// A program missing where a stand-in tree stands (core/standin.h: an
// archive placeholder unpacked, whose real archive may hold it: ./configure
// in a source tree, $JAVA_HOME/bin/java): noted as a labelled stand-in; the
// caller returns 0 with no output. A configure script's stand-in writes the
// Makefile the real one would, labelled, recording --prefix (and OpenSSL's
// --openssldir) for make's stand-in.
// Does the archive of project `project` (core/standin.h source_project) hold
// the program `name`? Its own name, and node's tarball's npm, npx, corepack.
static bool archive_holds(const std::string& project, const std::string& name) {
    if (project.empty()) return false;
    return project == name || (project == "node" && (name == "npm" || name == "npx" || name == "corepack"));
}

static bool stand_in_tree_note(Interp& sh, Container& c, const std::string& path,
                               const std::vector<std::string>& argv) {
    const std::string tree = standin::stand_in_tree_of(c, path);
    if (tree.empty()) return false;
    const std::string abs = normalize_path(path), base = basename_of(abs);
    std::string wrote;
    if (base == "configure" || base == "Configure" || base == "config") {
        std::string text = "# layerlab stand-in: the Makefile " + base + " would write; " + tree +
                           " stands for a download layerlab cannot make, so the real one is not known\n# " + argv[0];
        std::string prefix = "/usr/local", ssldir;
        for (size_t i = 1; i < argv.size(); ++i) {
            text += " " + argv[i];
            if (argv[i].rfind("--prefix=", 0) == 0) prefix = argv[i].substr(9);
            if (argv[i].rfind("--openssldir=", 0) == 0) ssldir = argv[i].substr(13);
        }
        text += "\nprefix = " + prefix + "\n" + (ssldir.empty() ? "" : "openssldir = " + ssldir + "\n");
        if (c.write_text(dirname_of(abs) + "/Makefile", text)) wrote = " and wrote a labelled Makefile recording its options";
    }
    sh.note("stand-in: " + argv[0] + " (" + abs + ") is not in " + tree + ", a stand-in for a download layerlab "
            "cannot make (an archive placeholder) whose real files may include it: it ran as a stand-in (exit "
            "status 0, no output)" + wrote + ", so whatever the real program would do is not shown");
    return true;
}

int Interp::run_command(std::vector<std::string> argv, Fds& fds,
                        const std::vector<std::pair<std::string, std::string>>& assigns) {
    if (argv.empty()) return 0;
    sync_container();
    const std::string name = argv[0];
    bool has_slash = name.find('/') != std::string::npos;
    if (!has_slash) {
        if (is_special_builtin(name)) {
            for (const auto& [k, v] : assigns)
                if (!set_var(k, v, &fds)) {
                    raise_error(2);
                    return 2;
                }
            const ProgramDef* def = find_program(name);
            Ctx ctx{*this, c, std::move(argv), fds, exported_env()};
            return def->fn(ctx);
        }
        auto fit = st.funcs.find(name);
        if (fit != st.funcs.end() || is_builtin(name)) {
            // temporary assignments, undone afterwards
            std::vector<std::pair<std::string, std::optional<Var>>> saved;
            for (const auto& [k, v] : assigns) {
                auto it = st.vars.find(k);
                saved.emplace_back(k, it == st.vars.end() ? std::nullopt : std::optional<Var>(it->second));
                if (!set_var(k, v, &fds)) {
                    raise_error(2);
                    return 2;
                }
                st.vars[k].exported = true;
            }
            int status;
            if (fit != st.funcs.end()) {
                NodePtr body = fit->second;  // keep alive if the function redefines itself
                status = call_function(*body, std::move(argv), fds);
            } else {
                const ProgramDef* def = find_program(name);
                Ctx ctx{*this, c, std::move(argv), fds, exported_env()};
                status = def->fn(ctx);
            }
            for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
                if (it->second) {
                    st.vars[it->first] = *it->second;
                } else {
                    st.vars.erase(it->first);
                }
            }
            return status;
        }
    }
    std::vector<std::pair<std::string, std::string>> env = exported_env();
    for (const auto& [k, v] : assigns) {
        bool found = false;
        for (auto& e : env)
            if (e.first == k) {
                e.second = v;
                found = true;
            }
        if (!found) env.emplace_back(k, v);
    }
    if (has_slash) return exec_file(abs_path(name), std::move(argv), fds, env);
    // $PATH search in the container's filesystem
    const std::string* path = nullptr;
    for (const auto& e : env)
        if (e.first == "PATH") path = &e.second;
    if (!path) path = get_var("PATH");
    std::string found;
    bool denied = false;
    if (path) {
        for (const std::string& dir : split_char(*path, ':')) {
            std::string cand = dir.empty() ? abs_path(name) : abs_path(dir) + (dir.back() == '/' ? "" : "/") + name;
            Result<Stat> s = c.stat(cand);
            if (!s && s.error().code == Errc::enoent) {
                // a link into a stand-in tree (ln -s /opt/yarn-v1.22.22/bin/yarn /usr/local/bin/yarn)
                Result<Stat> l = c.lstat(cand);
                if (l && l->type == EntryType::symlink) {
                    const std::string target = normalize_path(l->target[0] == '/' ? l->target : dirname_of(cand) + "/" + l->target);
                    if (stand_in_tree_note(*this, c, target, argv)) return 0;
                }
            }
            if (!s || s->type != EntryType::file) continue;
            if (!c.may_access(*s, 1)) {
                denied = true;
                continue;
            }
            found = cand;
            break;
        }
    }
    if (found.empty()) {
        if (denied) {
            sh_error(fds, name + ": Permission denied");
            return 126;
        }
        if (path)
            for (const std::string& dir : split_char(*path, ':'))
                // a $PATH directory the image has is not a stand-in's (/usr/local/bin under a tree at
                // /usr/local), unless the tree's archive is named for the program (node-v22.1.0-linux-x64: node)
                if (!dir.empty() && dir[0] == '/' &&
                    (!c.exists(dir) || c.exists(dir + "/" + std::string(standin::k_tree_label)) ||
                     archive_holds(standin::source_project(c, standin::stand_in_tree_of(c, dir + "/" + name)).name, name)) &&
                    stand_in_tree_note(*this, c, dir + "/" + name, argv))
                    return 0;
        if (!opt.base_is_real) {
            // layerlab's base is not the real image, which may well have the
            // program: the truth cannot be known, so a labelled stand-in
            note("stand-in: " + name + " is not in layerlab's approximation of this image (the real image may have "
                 "it): it ran as a stand-in (exit status 0, no output); if the real image lacks it too, the real "
                 "build stops here with \"" + name + ": not found\"");
            return 0;
        }
        sh_error(fds, name + ": not found");
        not_found_note(name, false);
        return 127;
    }
    return exec_file(found, std::move(argv), fds, env);
}

void Interp::not_found_note(const std::string& name, bool exists) {
    // A program the image has that layerlab does not simulate (ldconfig,
    // patch, setcap, ...) runs as a labelled stand-in: the caller returns 0
    // with no output, and the step says so (never a silent fake, never a
    // dead end). Missing: the cause first, in one line; the list of simulated
    // commands belongs in Help (simulated_commands()), not in every failure.
    if (exists) {
        note("stand-in: " + name + " is in this image but layerlab does not simulate it: it ran as a stand-in "
             "(exit status 0, no output), so whatever the real program would change in the files is not shown");
        return;
    }
    if (opt.base_is_real) {
        note(name + ": not found in this image's $PATH (a real build fails the same way)");
    } else {
        note(name + ": not found in this image's $PATH (layerlab's base here is not the real image, "
                    "which may have it)");
    }
    last_not_simulated = name;
}

int Interp::call_function(const Node& body, std::vector<std::string> argv, Fds& fds) {
    if (depth >= k_max_depth) {
        sh_error(fds, argv[0] + ": layerlab: functions nested too deeply (recursion?)");
        raise_error(2);
        return 2;
    }
    ++depth;
    ++func_depth;
    std::vector<std::string> saved_params = std::move(st.params);
    st.params.assign(argv.begin() + 1, argv.end());
    m_locals.emplace_back();
    int status = exec(body, fds, cur_tested);
    if (flow == Flow::ret) {
        flow = Flow::none;
        status = exit_status;
    }
    // restore `local` variables
    for (auto it = m_locals.back().rbegin(); it != m_locals.back().rend(); ++it) {
        if (it->second) {
            st.vars[it->first] = *it->second;
        } else {
            st.vars.erase(it->first);
        }
    }
    m_locals.pop_back();
    st.params = std::move(saved_params);
    --func_depth;
    --depth;
    return status;
}

void Interp::make_local(const std::string& name) {
    if (m_locals.empty()) return;
    for (const auto& l : m_locals.back())
        if (l.first == name) return;
    auto it = st.vars.find(name);
    m_locals.back().emplace_back(name, it == st.vars.end() ? std::nullopt : std::optional<Var>(it->second));
}

int Interp::run_child_shell(std::string_view script, std::string arg0, std::vector<std::string> params, Fds& fds,
                            const std::vector<std::pair<std::string, std::string>>& env, std::string_view script_name,
                            bool from_stdin) {
    if (depth >= k_max_depth) {
        sh_error(fds, "layerlab: shells nested too deeply");
        return 2;
    }
    return subshell([&] {
        State fresh;
        fresh.cwd = st.cwd;
        fresh.umask = st.umask;
        fresh.arg0 = std::move(arg0);
        fresh.params = std::move(params);
        fresh.in_script = !script_name.empty();
        fresh.mode_flag = script_name.empty() ? (from_stdin ? 's' : 'c') : '\0';
        for (const auto& [k, v] : env) {
            note_var_order(k);
            fresh.vars[k] = Var{v, true, false};
        }
        fresh.vars["IFS"] = Var{" \t\n", false, false};
        fresh.vars["PS4"] = Var{"+ ", false, false};
        fresh.vars["PS1"] = Var{c.cred().uid == 0 ? "\\w # " : "\\w $ ", false, false};
        fresh.vars["PS2"] = Var{"> ", false, false};
        fresh.vars["OPTIND"] = Var{"1", false, false};
        int lvl = 0;
        if (auto it = fresh.vars.find("SHLVL"); it != fresh.vars.end())
            lvl = int(parse_int(it->second.value).value_or(0));
        fresh.vars["SHLVL"] = Var{std::to_string(lvl + 1), true, false};
        fresh.vars["PWD"] = Var{st.cwd, true, false};
        st = std::move(fresh);
        std::vector<std::vector<std::pair<std::string, std::optional<Var>>>> saved_locals;
        saved_locals.swap(m_locals);
        int s = run_text(script, fds, script_name);
        if (!m_aborted && st.has_exit_trap) {
            Flow keep = flow;
            flow = Flow::none;
            run_exit_trap(fds);
            if (!m_aborted) flow = keep;
        }
        m_locals.swap(saved_locals);
        if (flow == Flow::ret) flow = Flow::none;
        return s;
    });
}

// Is the program file busybox (a symlink to it, or one of the hard links
// the busybox image has for each applet)?
bool is_busybox_file(const Container& c, const std::string& path, const std::string& real_base) {
    if (real_base == "busybox") return true;
    Result<Stat> me = c.stat(path);
    if (!me || me->inode_key == 0) return false;
    for (const char* bb : {"/bin/busybox", "/usr/bin/busybox"}) {
        Result<Stat> b = c.stat(bb);
        if (b && b->inode_key == me->inode_key) return true;
    }
    return false;
}

// Does the image have the interpreter a "#!" line names ("/usr/bin/perl";
// "/usr/bin/env perl": env, and perl in $PATH)? "" if so, else the error a
// real run prints (the kernel's ENOENT, or env's own message).
static std::string missing_interpreter(const Container& c, const std::string& shown,
                                       const std::vector<std::string>& words,
                                       const std::vector<std::pair<std::string, std::string>>& env) {
    auto is_file = [&](const std::string& p) {
        Result<Stat> s = c.stat(p);
        return s && s->type == EntryType::file;
    };
    if (words.empty() || !is_file(words[0])) return shown + ": not found";
    if (basename_of(words[0]) != "env") return "";
    size_t i = 1;
    while (i < words.size() && !words[i].empty() && words[i][0] == '-') ++i;
    if (i == words.size()) return "";
    bool found = false;
    if (words[i].find('/') != std::string::npos) {
        found = is_file(words[i]);
    } else {
        std::string path = k_default_path;
        for (const auto& e : env)
            if (e.first == "PATH") path = e.second;
        for (const std::string& dir : split_char(path, ':'))
            if (!dir.empty() && is_file(dir + "/" + words[i])) found = true;
    }
    if (found) return "";
    Result<std::string> real = c.realpath(words[0]);
    if (real && basename_of(*real) == "busybox") return "env: can't execute '" + words[i] + "': No such file or directory";
    return words[0] + ": '" + words[i] + "': No such file or directory";
}

int Interp::exec_file(const std::string& path, std::vector<std::string> argv, Fds& fds,
                      const std::vector<std::pair<std::string, std::string>>& env) {
    const std::string& shown = argv[0];
    Result<Stat> s = c.stat(path);
    if (!s) {
        if (s.error().code == Errc::eacces) {
            sh_error(fds, shown + ": Permission denied");
            return 126;
        }
        if (stand_in_tree_note(*this, c, path, argv)) return 0;
        sh_error(fds, shown + ": not found");
        not_found_note(shown, false);
        return 127;
    }
    if (s->type == EntryType::dir || s->type != EntryType::file) {
        sh_error(fds, shown + ": Permission denied");
        return 126;
    }
    if (!c.may_access(*s, 1)) {
        sh_error(fds, shown + ": Permission denied");
        return 126;
    }
    if (!charge()) return exit_status;
    const BlobStore& blobs = c.store().blobs;
    char head[256];
    size_t hn = blobs.read(s->blob, 0, sizeof head, head);
    std::string_view hv(head, hn);
    std::string base = basename_of(shown);
    Result<std::string> real = c.realpath(path);
    std::string real_base = real ? basename_of(*real) : base;
    auto is_shell = [](std::string_view b) { return b == "sh" || b == "ash" || b == "bash" || b == "dash"; };
    auto run_script_file = [&](std::vector<std::string> args) -> int {
        Result<std::string> text = c.read_text(path, k_text_limit);
        if (!text) {
            sh_error(fds, shown + ": " + errno_text(text.error().code));
            return 126;
        }
        std::vector<std::string> params(args.begin() + 1, args.end());
        return run_child_shell(*text, shown, std::move(params), fds, env, shown);
    };
    // a downloaded installer layerlab simulates (rustup-init): its placeholder
    // is a labelled script, but the program it stands for runs
    if (const ProgramDef* installer = find_program(base);
        installer && !is_shell(base) && !is_special_builtin(installer->name) &&
        hv.find("layerlab stand-in") < 64) {
        Ctx ctx{*this, c, std::move(argv), fds, env};
        ctx.gnu = !is_busybox_file(c, path, real_base);
        return installer->fn(ctx);
    }
    if (hv.substr(0, 2) == "#!") {
        size_t eol = hv.find('\n');
        std::string line(hv.substr(2, eol == std::string_view::npos ? hv.size() - 2 : eol - 2));
        std::vector<std::string> words;
        for (const std::string& w : split_char(line, ' '))
            if (!w.empty()) words.push_back(w);
        std::string interp = words.empty() ? "" : basename_of(words[0]);
        if (interp == "env" && words.size() > 1) interp = basename_of(words[1]);
        if (is_shell(interp)) return run_script_file(argv);
        if (!find_program(base) || is_shell(base)) {
            // a script for an interpreter layerlab does not simulate: a
            // stand-in where the image has the interpreter, else the
            // kernel's ENOENT (ash: "not found")
            if (std::string why = missing_interpreter(c, shown, words, env); !why.empty()) {
                if (why.rfind(shown + ":", 0) == 0) {
                    sh_error(fds, why);
                } else {
                    if (fds.out[2]) fds.out[2]->write(why + "\n");
                }
                note(shown + ": its interpreter (" + line + ") is not in this image");
                last_not_simulated = shown;
                return 127;
            }
            not_found_note(shown + " (a script for " + interp + ")", true);
            return 0;
        }
    }
    // busybox multi-call binary: the applet is argv[0]'s name
    std::string prog = base;
    if (real_base == "busybox" && base == "busybox") {
        if (argv.size() < 2) {
            fds.out[1]->write("BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n");
            return 0;
        }
        argv.erase(argv.begin());
        prog = basename_of(argv[0]);
    }
    if (is_shell(prog) || is_shell(real_base)) prog = "sh";
    const ProgramDef* def = find_program(prog);
    if (!def && real_base != prog) def = find_program(real_base);
    if (def && !is_special_builtin(def->name)) {
        Ctx ctx{*this, c, std::move(argv), fds, env};
        ctx.gnu = !is_busybox_file(c, path, real_base);
        return def->fn(ctx);
    }
    // a placeholder for a download, a build tool's program or its output
    // (core/standin.h): its bytes are not the real program's, so nothing of
    // it runs; like a downloaded script's placeholder it says what it stands
    // for on stderr and succeeds, and the step's note says it was stood in
    if (hv.rfind("layerlab stand-in", 0) == 0) {
        sh_error(fds, shown + ": a layerlab stand-in placeholder: the real program's output is not known here");
        note("stand-in: " + base + " (" + path + ") is a layerlab placeholder (a download, a toolchain program or a "
             "build artifact), so it ran as a stand-in: exit status 0, no output or effects of the real program");
        return 0;
    }
    // no "#!" and text: the shell runs it as a script (ENOEXEC)
    bool text = hn > 0 && std::memchr(head, '\0', hn) == nullptr && blobs.is_literal(s->blob);
    if (text || hn == 0) return run_script_file(argv);
    not_found_note(base, true);
    return 0;
}

// ---------------------------------------------------------------- redirections

namespace {
std::string open_errmsg(Errc e, bool create) {
    if (e == Errc::enoent || e == Errc::enotdir) return create ? "nonexistent directory" : "no such file";
    return errno_text(e);
}
}  // namespace

bool Interp::redirect(const std::vector<Redir>& rs, Fds& fds, std::vector<SinkPtr>& opened) {
    for (const Redir& r : rs) {
        if (m_aborted) return false;
        int fd = r.fd;
        if (r.op == Redir::Op::heredoc) {
            std::string text;
            if (r.here && !r.here->body.parts.empty()) {
                if (!expand_parts_string(r.here->body.parts, text, fds)) return false;
            }
            auto src = std::make_shared<Source>();
            src->blob = c.store().blobs.bytes(std::move(text));
            if (fd == 0) fds.in = src;
            continue;
        }
        std::string target;
        if (!expand_redir_target(r.target, target, fds)) return false;
        if (r.op == Redir::Op::dup_out || r.op == Redir::Op::dup_in) {
            if (target == "-") {
                if (fd == 0) {
                    fds.in = std::make_shared<Source>();
                } else if (fd < 10) {
                    fds.out[size_t(fd)] = std::make_shared<NullSink>();
                }
                continue;
            }
            std::optional<int64_t> n = parse_int(target);
            if (!n || *n < 0 || *n > 9) {
                if (r.op == Redir::Op::dup_out && fd == 1) {
                    // bash's >&file: both stdout and stderr to the file
                    Redir as_file = r;
                    as_file.op = Redir::Op::out;
                    std::vector<Redir> one{as_file};
                    if (!redirect(one, fds, opened)) return false;
                    fds.out[2] = fds.out[1];
                    continue;
                }
                sh_error(fds, target + ": Bad file descriptor");
                return false;
            }
            if (r.op == Redir::Op::dup_in || fd == 0) {
                if (*n != 0) {
                    if (!fds.out[size_t(*n)]) {
                        sh_error(fds, target + ": Bad file descriptor");
                        return false;
                    }
                }
                continue;  // input fds other than 0 are not modelled
            }
            if (*n == 0) {
                fds.out[size_t(fd)] = std::make_shared<NullSink>();
                continue;
            }
            if (!fds.out[size_t(*n)]) {
                sh_error(fds, target + ": Bad file descriptor");
                return false;
            }
            if (fd < 10) fds.out[size_t(fd)] = fds.out[size_t(*n)];
            continue;
        }
        if (fd > 9) {
            sh_error(fds, std::to_string(fd) + ": Bad file descriptor");
            return false;
        }
        std::string p = abs_path(target);
        if (r.op == Redir::Op::in || r.op == Redir::Op::rdwr) {
            auto src = std::make_shared<Source>();
            if (p == "/dev/null") {
            } else if (p == "/dev/zero") {
                src->kind = Source::Kind::zero;
            } else if (p == "/dev/urandom" || p == "/dev/random") {
                src->kind = Source::Kind::urandom;
                src->seed = ++m_random_seed;
            } else if (p == "/dev/stdin" || p == "/dev/fd/0") {
                src = fds.in;
            } else {
                sync_container();
                Result<BlobId> b = c.read(p);
                if (!b && r.op == Redir::Op::rdwr && b.error().code == Errc::enoent) {
                    Status w = c.write(p, k_empty_blob, WriteMode::create_new, 0666);
                    if (!w) {
                        sh_error(fds, "can't create " + target + ": " + open_errmsg(w.error().code, true));
                        return false;
                    }
                    b = c.read(p);
                }
                if (!b && b.error().code == Errc::enoent) {
                    if (std::string tree = standin::stand_in_tree_of(c, p); !tree.empty()) {
                        note(standin::tree_member_note("the shell", p, tree, "read (it was read as empty)"));
                        b = k_empty_blob;
                    }
                }
                if (!b) {
                    sh_error(fds, "can't open " + target + ": " + open_errmsg(b.error().code, false));
                    return false;
                }
                src->blob = *b;
            }
            if (fd == 0) fds.in = src;
            continue;
        }
        // > >> >|
        SinkPtr sink;
        if (p == "/dev/null" || p == "/dev/zero" || p == "/dev/urandom" || p == "/dev/random" || p == "/dev/full") {
            sink = std::make_shared<NullSink>();
        } else if (p == "/dev/stdout" || p == "/dev/fd/1") {
            sink = fds.out[1];
        } else if (p == "/dev/stderr" || p == "/dev/fd/2") {
            sink = fds.out[2];
        } else if (p == "/dev/tty" || p == "/dev/console") {
            sink = m_top.out[2];
        } else {
            sync_container();
            if (st.noclobber && r.op == Redir::Op::out && c.exists(p)) {
                sh_error(fds, "can't create " + target + ": File exists");
                return false;
            }
            Status s = r.op == Redir::Op::append ? c.open_for_write(p, true, 0666)
                                                 : c.write(p, k_empty_blob, WriteMode::truncate, 0666);
            if (!s && s.error().code == Errc::enoent && !c.exists(dirname_of(p))) {
                // a directory of a download layerlab stood in for (core/standin.h): made, and said so
                if (std::string tree = standin::stand_in_tree_of(c, dirname_of(p)); !tree.empty()) {
                    note(standin::tree_member_note("the shell", dirname_of(p), tree,
                                                   "write into (the directory was made for " + target + ")"));
                    (void)mkdir_p(c, dirname_of(p), 0755);
                    s = r.op == Redir::Op::append ? c.open_for_write(p, true, 0666)
                                                  : c.write(p, k_empty_blob, WriteMode::truncate, 0666);
                }
            }
            if (!s) {
                sh_error(fds, "can't create " + target + ": " + open_errmsg(s.error().code, true));
                return false;
            }
            auto fsink = std::make_shared<FileSink>(*this, p);
            m_files.push_back(fsink);
            sink = fsink;
            opened.push_back(sink);
        }
        fds.out[size_t(fd)] = sink;
    }
    return true;
}

// ================================================================= public API

std::string RunResult::combined() const {
    std::string s;
    for (const OutputChunk& c : output) s += c.text;
    return s;
}
std::string RunResult::stdout_text() const {
    std::string s;
    for (const OutputChunk& c : output)
        if (c.fd == 1) s += c.text;
    return s;
}
std::string RunResult::stderr_text() const {
    std::string s;
    for (const OutputChunk& c : output)
        if (c.fd != 1) s += c.text;
    return s;
}

RunResult run(Container& c, std::string_view script, const Options& o) {
    Interp sh(c, o, false);
    sh.run_script(script);
    return sh.take_result();
}

Session::Session(Container& c, Options o) : m_interp(std::make_unique<Interp>(c, std::move(o), true)) {}
Session::~Session() = default;

RunResult Session::exec(std::string_view line) {
    Interp& sh = *m_interp;
    if (sh.exited) {
        RunResult r;
        r.status = sh.st.status;
        r.error = "the shell has exited";
        return r;
    }
    sh.reset_for_line();
    sh.run_script(line);
    return sh.take_result();
}

const std::string& Session::cwd() const { return m_interp->st.cwd; }
const std::string* Session::var(std::string_view name) const { return m_interp->get_var(name); }
int Session::last_status() const { return m_interp->st.status; }
bool Session::exited() const { return m_interp->exited; }
std::string Session::prompt() const { return m_interp->st.cwd + (m_interp->c.cred().uid == 0 ? " # " : " $ "); }

}  // namespace ll::shell
