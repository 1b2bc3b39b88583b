// step_run.cpp: RUN, as BuildKit's dispatchRun does it.
//
//   do_run            command line, history line, key, cache, then run it
//   run_command       shell form (SHELL + the script, heredocs) or exec form
//   run_key_text      what the cache keys RUN by (command, env, user, cwd, mounts)
//   run_in_container  in a Container over the stage's image:
//     make_run_workdir    a missing working directory is created first
//     check_executable    exec form: the program must exist (runc's error)
//     prepare_mounts      --mount targets, heredoc scripts at /dev/pipes
//     shell_script        the text the simulated busybox sh runs
//     run_failed          a non-zero exit: the build's error, its cause first
//     run_layer           the writable layer minus mounts and (buildah, classic) VOLUMEs
#include <algorithm>

#include "core/build/engine.h"
#include "core/shell/shell.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::MountType;

namespace {

// "set -eux; apt-get update; ..." cut to about `max` characters at a word.
std::string cut_command(std::string_view cmd, size_t max) {
    std::string one;
    for (char ch : cmd) {
        if (ch == '\n' || ch == '\t') ch = ' ';
        if (ch == ' ' && !one.empty() && one.back() == ' ') continue;
        one += ch;
    }
    if (one.size() <= max) return one;
    size_t cut = one.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) cut = max;
    return one.substr(0, cut) + " ...";
}

// The line of a failed command's output that says why: the last line it
// wrote to stderr that is not a set -x trace ("+ "); "" when nothing went
// to stderr. (The failing command is the last one: its error comes after
// its own trace.)
std::string failure_cause(const shell::RunResult& r) {
    auto pick = [](std::string_view t) -> std::string {
        size_t end = t.size();
        while (end > 0) {
            size_t nl = t.rfind('\n', end - 1);
            size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
            std::string_view ln = t.substr(begin, end - begin);
            while (!ln.empty() && (ln.back() == ' ' || ln.back() == '\r' || ln.back() == '\n')) ln.remove_suffix(1);
            if (!ln.empty() && ln.rfind("+ ", 0) != 0)
                return ln.size() > 200 ? std::string(ln.substr(0, 200)) + " ..." : std::string(ln);
            if (begin == 0) break;
            end = begin - 1;
        }
        return {};
    };
    for (auto it = r.output.rbegin(); it != r.output.rend(); ++it)
        if (it->fd == 2)
            if (std::string c = pick(it->text); !c.empty()) return c;
    return {};  // nothing on stderr: the exit code is all that is known
}

// Single-quote a word for the simulated shell (exec form RUN).
std::string shell_quote(std::string_view w) {
    std::string out = "'";
    for (char c : w) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

// Drops the layer entries below `dirs` (RUN --mount targets: the mount point
// itself stays; VOLUME paths under buildah/classic: `inclusive`, it goes too).
LayerPtr filter_layer(const LayerPtr& l, const std::vector<PathId>& dirs, Store& store, bool* dropped, bool inclusive) {
    if (dirs.empty()) return l;
    LayerBuilder b(store.paths);
    for (const Entry& e : l->entries()) {
        bool under = false;
        for (PathId d : dirs)
            if ((inclusive || e.path != d) && store.paths.is_ancestor_or_self(d, e.path)) under = true;
        if (under) {
            *dropped = true;
            continue;
        }
        b.put(e);
    }
    return b.freeze(store.blobs);
}

}  // namespace

Status Builder::Impl::do_run(Cur& c) {
    RunCommand cmd = run_command(c);
    c.st.created_by = run_created_by(rules, c.s.args, c.s.env, cmd.process, c.ins.original);
    CacheStep cs;
    cs.parent = c.s.key;
    cs.text = run_key_text(c, cmd);
    cs.key = key_hash(cs.parent, cs.text);
    bool hit = lookup(c, cs);
    for (const dockerfile::RunMount& mnt : c.ins.run.mounts)
        c.st.notes.push_back("--mount: " + dockerfile::describe_mount(mnt));
    if (hit) {
        if (Status s = reuse_cached(c, cs.key); !s) return s;
        c.st.narration =
            "CACHED: same command on the same parent as last build: the layer from then is reused "
            "and the command does not run.";
        c.st.rule = "RUN is cached by its command text, not by what it would do";
    } else if (Status s = run_in_container(c, cmd); !s) {
        return s;
    }
    finish_step(c, cs, hit);
    return {};
}

// The argv RUN executes. Shell form: SHELL (default /bin/sh -c) plus the
// command; a lone heredoc is the script itself, or, with a shebang, a file
// BuildKit mounts at /dev/pipes/NAME and runs.
Builder::Impl::RunCommand Builder::Impl::run_command(Cur& c) const {
    const Instruction& ins = c.ins;
    RunCommand cmd;
    cmd.shell_form = !ins.json_form;
    if (ins.json_form) {
        cmd.args = ins.args;
    } else {
        std::string line = ins.args.empty() ? std::string() : ins.args[0];
        if (!ins.heredocs.empty()) {
            const dockerfile::Heredoc& h0 = ins.heredocs[0];
            std::string trimmed = line;
            while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
            if (ins.heredocs.size() == 1 && trimmed.rfind("<<", 0) == 0 && trimmed.find(' ') == std::string::npos) {
                std::string data = h0.strip_tabs ? h0.body() : h0.content;
                if (data.rfind("#!", 0) == 0) {
                    cmd.pipe_script = {"/dev/pipes/" + h0.name, data};
                    line = cmd.pipe_script->first;
                } else {
                    line = data;  // a simple heredoc: its body is the script
                }
            } else {
                for (const dockerfile::Heredoc& h : ins.heredocs) line += "\n" + h.content + h.name;
            }
        }
        cmd.args = {line};
    }
    const ImageConfig& cfg = c.s.image.config;
    cmd.shell_words = cfg.shell.empty() ? std::vector<std::string>{"/bin/sh", "-c"} : cfg.shell;
    if (cmd.shell_form) {
        std::string joined = join_words(cmd.args);
        cmd.args = cmd.shell_words;
        cmd.args.push_back(joined);
    }
    cmd.process = join_words(cmd.args);
    return cmd;
}

// BuildKit keys RUN by its command, environment, user, working directory,
// mounts and network; buildah and the classic builder by the history line.
std::string Builder::Impl::run_key_text(Cur& c, const RunCommand& cmd) const {
    const ImageConfig& cfg = c.s.image.config;
    std::string mounts_text;
    for (const dockerfile::RunMount& mnt : c.ins.run.mounts) mounts_text += mnt.text + ";";
    std::string cwd = cfg.working_dir.empty() ? "/" : cfg.working_dir;
    std::string env_line;
    for (const auto& [k, v] : c.s.env.vars()) env_line += k + "=" + v + " ";
    if (rules.run_keyed_by_history)
        return c.st.created_by + "\nenv=" + env_line + "\nuser=" + cfg.user + "\ncwd=" + cwd;
    return "RUN " + cmd.process + "\nenv=" + env_line + "\nuser=" + cfg.user + "\ncwd=" + cwd +
           "\nmounts=" + mounts_text + "\nnetwork=" + c.ins.run.network;
}

Status Builder::Impl::run_in_container(Cur& c, const RunCommand& cmd) {
    const ImageConfig& cfg = c.s.image.config;
    const std::string cwd = cfg.working_dir.empty() ? "/" : cfg.working_dir;
    Container ctr(store, c.s.image, "run");
    ctr.set_time(opt.epoch);
    ctr.mount_runtime(RuntimeMounts::buildkit_run, rules.hostname);  // kept out of the layer
    if (Status s = make_run_workdir(c, ctr, cwd); !s) return s;
    if (Status s = check_executable(c, ctr, cmd, cwd); !s) return s;
    MountDrops drops = prepare_mounts(c, ctr, cmd, cwd);
    (void)ctr.take_events();
    shell::Options so;
    for (const auto& [k, v] : c.s.env.vars()) so.env.push_back(k + "=" + v);
    so.working_dir = cwd;
    so.user = cfg.user;
    so.catalogs = opt.catalogs;
    so.step_budget = opt.step_budget;
    so.hostname = rules.hostname;
    // an approximated base (ubuntu on Debian's files) is not the real image either
    so.base_is_real = (c.s.base_match == BaseMatch::exact || c.s.base_match == BaseMatch::same) && !c.s.base_approx;
    if (cmd.shell_form && !cmd.shell_words.empty()) so.arg0 = cmd.shell_words[0];  // $0 is "/bin/sh", as exec'd
    so.exec_form = !cmd.shell_form;
    shell::RunResult r = shell::run(ctr, shell_script(c, cmd), so);
    c.st.output = r.combined();
    c.st.exit_status = r.status;
    c.st.events = ctr.take_events();
    // the shell's own remarks (network, stand-ins, approximated packages)
    for (const std::string& n : r.notes)
        if (std::find(c.st.notes.begin(), c.st.notes.end(), n) == c.st.notes.end()) c.st.notes.push_back(n);
    if (r.status != 0 || r.budget_exceeded || !r.error.empty()) return run_failed(c, cmd, r);
    LayerPtr l = run_layer(c, ctr, drops);
    LayerStory story = tell(c.s.image, *l, store);
    if (Status s = take_layer(c, l); !s) return s;
    Narration n = narrate_run(story, *l, c.st.empty_layer, rules, layer_label(c.s.image));
    c.st.narration = std::move(n.text);
    c.st.rule = std::move(n.rule);
    return {};
}

// A missing working directory is created before the process starts
// (buildah: owned by the user the step runs as).
Status Builder::Impl::make_run_workdir(Cur& c, Container& ctr, const std::string& cwd) {
    if (ctr.exists(cwd)) return {};
    const std::string& user = c.s.image.config.user;
    uint32_t uid = 0, gid = 0;
    if (rules.missing_workdir_owned_by_user && !user.empty()) {
        Result<std::pair<uint32_t, uint32_t>> u = resolve_user(ctr, user);
        if (u) {
            uid = u->first;
            gid = u->second;
        }
    }
    return make_dirs(c, ctr, cwd, uid, gid, false);
}

// The executable must exist: for shell form the shell, for exec form the
// program (runc's exec fails before anything runs).
Status Builder::Impl::check_executable(Cur& c, Container& ctr, const RunCommand& cmd, const std::string& cwd) {
    std::string exe = cmd.args.empty() ? std::string() : cmd.args[0];
    if (exe.empty() || exe.find('/') == std::string::npos) return {};
    if (ctr.stat(exe[0] == '/' ? exe : join_path(cwd, exe))) return {};
    std::string msg = "process \"" + cmd.process +
                      "\" did not complete successfully: runc run failed: unable to start container "
                      "process: exec: \"" +
                      exe + "\": stat " + exe + ": no such file or directory";
    c.st.narration = "RUN needs a program to run: " + exe + " is not in the image" +
                     (c.s.image.layer_count() == 0 ? " (FROM scratch has no files at all, so no shell)" : "") +
                     ". Shell-form RUN always starts " + go_list(cmd.shell_words) + ".";
    c.st.rule = "RUN executes inside the image built so far";
    c.st.exit_status = 127;
    return fail(Errc::build_failed, msg, c.ins.span);
}

// Mount points. What the command writes below a cache, tmpfs or bind mount
// lands in the mount, not in the layer; mount points that had to be created
// (stubs) are removed again afterwards, as BuildKit's executor does, so they
// leave no trace either. buildah and the classic builder also discard what a
// RUN writes in a declared VOLUME (BuildKit keeps it).
Builder::Impl::MountDrops Builder::Impl::prepare_mounts(Cur& c, Container& ctr, const RunCommand& cmd,
                                                        const std::string& cwd) {
    MountDrops drops;
    for (const dockerfile::RunMount& mnt : c.ins.run.mounts) {
        std::string t = mnt.target;
        if (mnt.type == MountType::secret && t.empty()) t = "/run/secrets/" + (mnt.id.empty() ? mnt.source : mnt.id);
        if (t.empty()) continue;  // an ssh mount without a target, ...
        std::string abs = t[0] == '/' ? clean_path(t) : join_path(cwd, t);
        bool local_bind = mnt.type == MountType::bind && mnt.from.empty();
        if (mnt.type != MountType::cache && mnt.type != MountType::tmpfs && !local_bind)
            continue;  // secret, ssh, bind from another stage: explained in the notes only
        bool file_source = false;
        std::string src_rel;
        if (local_bind) {
            src_rel = clean_path("/" + (mnt.source.empty() ? std::string(".") : mnt.source)).substr(1);
            std::optional<std::string> r = root_path(context_tree(), src_rel, true);
            std::optional<SrcNode> n = r ? context_tree().lstat(*r) : std::nullopt;
            file_source = n && n->type != EntryType::dir;
        }
        // the stub: the target and any missing parents
        std::string top_missing;
        for (std::string p = abs; p != "/" && !ctr.exists(p); p = dir_name(p)) top_missing = p;
        if (!top_missing.empty()) drops.stubs.push_back(store.paths.intern(top_missing));
        if (file_source) {
            (void)mkdir_p(ctr, dir_name(abs), 0755);
        } else {
            if (!ctr.exists(abs)) (void)mkdir_p(ctr, abs, 0755);
            drops.under.push_back(store.paths.intern(abs));
        }
        if (local_bind) {
            // the context (or a path of it) appears at the target
            CopySpec bs;
            bs.sources = {src_rel.empty() ? std::string(".") : src_rel};
            bs.dest = file_source ? abs : abs + "/";
            (void)copy_into(ctr, bs, context_tree());
            if (file_source && top_missing.empty()) drops.stubs.push_back(store.paths.intern(abs));
        }
    }
    if (cmd.pipe_script) {
        const auto& [path, contents] = *cmd.pipe_script;
        std::string top;
        for (std::string p = dir_name(path); p != "/" && !ctr.exists(p); p = dir_name(p)) top = p;
        drops.stubs.push_back(store.paths.intern(top.empty() ? path : top));
        (void)mkdir_p(ctr, dir_name(path), 0755);
        Entry f;
        f.type = EntryType::file;
        f.mode = 0755;
        f.blob = store.blobs.bytes(contents);
        f.mtime = opt.epoch;
        (void)ctr.install(path, f);
    }
    if (rules.run_discards_volume_changes)
        for (const std::string& v : c.s.volumes) drops.volumes.push_back(store.paths.intern(clean_path(v)));
    return drops;
}

// The script for the simulated sh: the shell's own flags (-e, -o pipefail)
// become `set` lines; exec form is quoted word by word.
std::string Builder::Impl::shell_script(Cur& c, const RunCommand& cmd) {
    if (!cmd.shell_form) {
        std::string script;
        for (size_t i = 0; i < cmd.args.size(); ++i) script += (i ? " " : "") + shell_quote(cmd.args[i]);
        return script;
    }
    const std::vector<std::string>& sh = cmd.shell_words;
    std::string name = sh.empty() ? std::string() : base_name(sh[0]);
    bool is_sh = !sh.empty() && (name == "sh" || name == "ash" || name == "bash" || name == "dash");
    if (!is_sh)
        c.st.notes.push_back("SHELL " + go_list(sh) + ": layerlab runs the command with its simulated busybox sh");
    std::string prelude;
    for (size_t i = 1; i + 1 < sh.size(); ++i) {
        const std::string& f = sh[i];
        if (f.size() > 1 && f[0] == '-' && f != "-c") {
            std::string flags = f.substr(1);
            flags.erase(std::remove(flags.begin(), flags.end(), 'c'), flags.end());
            if (!flags.empty()) prelude += "set -" + flags + "\n";
        } else if (f == "-o" && i + 2 < sh.size()) {
            prelude += "set -o " + sh[i + 1] + "\n";
            ++i;
        }
    }
    return prelude + cmd.args.back();
}

Status Builder::Impl::run_failed(Cur& c, const RunCommand& cmd, const shell::RunResult& r) {
    if (r.error.rfind("unable to find user", 0) == 0) {
        // USER is resolved when the step starts: no process ran at all
        c.st.narration = "USER " + c.s.image.config.user +
                         " is not in the image's /etc/passwd, so the step cannot "
                         "start: USER is only checked when something runs as it.";
        c.st.rule = "USER is validated at run time";
        return fail(Errc::build_failed, r.error, c.ins.span);
    }
    // The cause first (the shell's note, else the output's last telling
    // line), then BuildKit's sentence with the command cut to ~100
    // characters; the output itself is on the step, printed once.
    std::string cause = r.error.empty() ? failure_cause(r) : r.error;
    std::string msg = (cause.empty() ? std::string() : cause + ": ") + "process \"" + cut_command(cmd.process, 100) +
                      "\" did not complete successfully: exit code: " + std::to_string(r.status);
    c.st.narration =
        "RUN failed with exit code " + std::to_string(r.status) + ": the build stops here and no layer is made.";
    c.st.rule = "a failing RUN fails the build";
    return fail(Errc::build_failed, msg, c.ins.span);
}

// The container's writable layer, minus what landed in mounts and VOLUMEs.
LayerPtr Builder::Impl::run_layer(Cur& c, Container& ctr, const MountDrops& drops) {
    LayerPtr l = ctr.commit_layer();
    bool dropped = false, stubs_dropped = false, dropped_vol = false;
    l = filter_layer(l, drops.under, store, &dropped, false);
    l = filter_layer(l, drops.stubs, store, &stubs_dropped, true);
    l = filter_layer(l, drops.volumes, store, &dropped_vol, true);
    if (dropped) c.st.notes.push_back("what the command wrote under the mount target stays out of the layer");
    if (dropped_vol)
        c.st.notes.push_back(std::string("changes inside a VOLUME were discarded (") + rules.name +
                             "; BuildKit keeps them)");
    return l;
}

}  // namespace ll::build
