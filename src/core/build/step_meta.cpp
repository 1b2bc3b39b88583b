// step_meta.cpp: the instructions that change only the image's config (no
// layer), and WORKDIR, which also makes its directory.
//
//   ENV  LABEL  ARG  USER  EXPOSE  VOLUME  STOPSIGNAL  HEALTHCHECK  SHELL
//   CMD/ENTRYPOINT  MAINTAINER  ONBUILD     -> finish_metadata()
//   WORKDIR                                 -> workdir_mkdir() + finish_step()
//
// Each sets the config, its history line (nop() / history.cpp) and a
// narration; finish_metadata() adds the history entry and, for buildah and
// the classic builder, makes it a cache step (BuildKit keys only the steps
// that touch files, so editing a LABEL invalidates nothing there).
#include <algorithm>
#include <set>

#include "core/build/engine.h"

namespace ll::build {

using namespace detail;
using dockerfile::Instruction;
using dockerfile::Kind;

namespace {

constexpr const char* k_meta_rule = "metadata instructions make no layer";

bool valid_signal(std::string_view s) {
    static const char* const names[] = {
        "ABRT", "ALRM",   "BUS",  "CHLD", "CLD",  "CONT",   "FPE",    "HUP",  "ILL",  "INT",   "IO",   "IOT",  "KILL",
        "PIPE", "POLL",   "PROF", "PWR",  "QUIT", "SEGV",   "STKFLT", "STOP", "SYS",  "TERM",  "TRAP", "TSTP", "TTIN",
        "TTOU", "UNUSED", "URG",  "USR1", "USR2", "VTALRM", "WINCH",  "XCPU", "XFSZ", "RTMIN", "RTMAX"};
    if (s.empty()) return false;
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long v = std::strtol(std::string(s).c_str(), nullptr, 10);
        return v > 0 && v <= 64;
    }
    std::string u = upper(s);
    if (u.rfind("SIG", 0) == 0) u.erase(0, 3);
    for (const char* n : names)
        if (u == n) return true;
    if (u.rfind("RTMIN+", 0) == 0 || u.rfind("RTMAX-", 0) == 0) return true;
    return false;
}

// BuildKit's parsePortSpec: "80" -> 80/tcp, "53/udp", "8000-8002" -> three.
Result<std::vector<std::string>> parse_ports(std::string_view raw) {
    std::string r(raw);
    std::string container = r;
    if (size_t k = r.rfind(':'); k != std::string::npos) container = r.substr(k + 1);
    std::string port = container, proto = "tcp";
    if (size_t k = container.find('/'); k != std::string::npos) {
        port = container.substr(0, k);
        proto = lower(container.substr(k + 1));
        if (proto.empty()) proto = "tcp";
    }
    if (port.empty()) return make_error(Errc::einval, "no port specified: " + r + "<empty>");
    if (proto != "tcp" && proto != "udp" && proto != "sctp") return make_error(Errc::einval, "invalid proto: " + proto);
    auto num = [](std::string_view s, uint64_t& out) {
        if (s.empty() || s.size() > 5) return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + static_cast<uint64_t>(c - '0');
        }
        return out <= 65535;
    };
    uint64_t a = 0, b = 0;
    if (size_t d = port.find('-'); d != std::string::npos) {
        if (!num(port.substr(0, d), a) || !num(port.substr(d + 1), b) || b < a)
            return make_error(Errc::einval, "invalid containerPort: " + port);
    } else {
        if (!num(port, a)) return make_error(Errc::einval, "invalid containerPort: " + port);
        b = a;
    }
    std::vector<std::string> out;
    for (uint64_t p = a; p <= b; ++p) out.push_back(std::to_string(p) + "/" + proto);
    return out;
}

// Go's %v of a map[string]struct{}: "map[80/tcp:{} 8080/tcp:{}]".
std::string go_port_map(const std::set<std::string>& ports) {
    std::string pm = "map[";
    bool first = true;
    for (const std::string& p : ports) {
        pm += (first ? "" : " ") + p + ":{}";
        first = false;
    }
    return pm + "]";
}

}  // namespace

// ---------------------------------------------------------------- shared ending

std::string Builder::Impl::nop(Cur& c, const std::string& text) const {
    return meta_created_by(rules, text, c.ins.original);
}

void Builder::Impl::finish_metadata(Cur& c, const std::string& text) {
    Step& st = c.st;
    st.empty_layer = true;
    st.state = StepState::done;
    if (!rules.metadata_is_cache_step) {
        st.cache_note = "config only: nothing to cache (BuildKit keys only the steps that change files)";
        add_history(c.s, st);
        st.image = c.s.image;
        return;
    }
    CacheStep cs;
    cs.parent = c.s.key;
    cs.text = st.created_by + "\n" + text;
    cs.key = key_hash(cs.parent, cs.text);
    bool hit = lookup(c, cs);
    if (hit) st.state = StepState::cached;
    finish_step(c, cs, hit);
}

// ---------------------------------------------------------------- ENV, LABEL, ARG

Status Builder::Impl::do_env(Cur& c) {
    std::vector<std::pair<std::string, std::string>> kvs;
    for (const dockerfile::KeyValue& kv : c.ins.pairs) {
        Result<std::string> k = word(c.s, kv.key, kv.span);
        if (!k) return k.error();
        Result<std::string> v = word(c.s, kv.value, kv.span);
        if (!v) return v.error();
        kvs.emplace_back(*k, *v);
    }
    ImageConfig& cfg = c.cfg();
    std::string msg = "ENV";
    for (const auto& [k, v] : kvs) {
        msg += " " + k + "=" + v;
        std::vector<std::string>& own = c.s.own_env;
        if (rules.env_moves_base_var_to_end && std::find(own.begin(), own.end(), k) == own.end()) {
            // buildah keeps the Dockerfile's ENVs after the base image's:
            // a variable inherited from the base moves to the end when set
            const std::string prefix = k + "=";
            cfg.env.erase_if([&prefix](const std::string& e) { return e.rfind(prefix, 0) == 0; });
            cfg.env.push_back(k + "=" + v);
            own.push_back(k);
        } else {
            cfg.env_set(k, v);  // BuildKit's addEnv: replaced in place
        }
        c.s.env.set(k, v);
    }
    c.st.created_by = nop(c, msg);
    c.st.narration = "ENV changes only the config: no layer. " +
                     std::string(kvs.size() == 1 ? "The variable is" : "The variables are") +
                     " set for every later RUN and for containers started from the image.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, msg);
    return {};
}

Status Builder::Impl::do_label(Cur& c) {
    std::string msg = "LABEL";
    for (const dockerfile::KeyValue& kv : c.ins.pairs) {
        Result<std::string> k = word(c.s, kv.key, kv.span);
        if (!k) return k.error();
        Result<std::string> v = word(c.s, kv.value, kv.span);
        if (!v) return v.error();
        c.cfg().labels[*k] = *v;
        msg += " " + *k + "=" + *v;
    }
    c.st.created_by = nop(c, msg);
    c.st.narration = "LABEL writes key=value metadata into the config: no layer.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, msg);
    return {};
}

Status Builder::Impl::do_arg(Cur& c) {
    std::vector<std::string> parts;
    for (const dockerfile::KeyValue& kv : c.ins.pairs) {
        ArgDecl a{kv.key, std::nullopt};
        auto ba = build_args.find(kv.key);
        bool from_command_line = ba != build_args.end();
        if (from_command_line) {
            used_build_args.insert(kv.key);
            a.value = ba->second;
        } else if (kv.has_value) {
            Result<std::string> v = word(c.s, kv.value, kv.span);
            if (!v) return v.error();
            a.value = *v;
        } else if (const std::string* g = global_env.find(kv.key)) {
            a.value = *g;  // a global ARG redeclared without a value
        }
        if (a.value) c.s.env.set(a.key, *a.value);
        parts.push_back(a.value ? a.key + "=" + *a.value : a.key);
        c.s.args.push_back(std::move(a));
    }
    std::string msg = "ARG";
    for (const std::string& p : parts) msg += " " + p;
    c.st.created_by = arg_created_by(rules, msg, c.s.args, c.ins.original);
    c.st.narration =
        "ARG declares a build argument: its value is visible to the following RUN steps "
        "(and in their history line) but is not stored in the image's config.";
    c.st.rule = "ARG values are build-time only";
    finish_metadata(c, msg);
    return {};
}

// ---------------------------------------------------------------- USER, EXPOSE, VOLUME, STOPSIGNAL

Status Builder::Impl::do_user(Cur& c) {
    Result<std::string> u = word(c.s, c.ins.args.empty() ? "" : c.ins.args[0], c.ins.text_span);
    if (!u) return u.error();
    c.cfg().user = *u;
    c.st.created_by = nop(c, "USER " + *u);
    c.st.narration =
        "USER sets who later RUN steps and the container run as: config only, no layer. "
        "The name is looked up in /etc/passwd only when something runs.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "USER " + *u);
    return {};
}

Status Builder::Impl::do_expose(Cur& c) {
    const Instruction& ins = c.ins;
    std::vector<std::string> ports;
    for (size_t i = 0; i < ins.args.size(); ++i) {
        Result<std::vector<std::string>> w = dockerfile::expand_words(ins.args[i], c.s.env, df.escape);
        if (!w) return at(w.error(), arg_span(ins, i));
        for (const std::string& p : *w) {
            if (rules.expose_as_written) {  // buildah keeps a range as one key ("8000-8002/tcp")
                ports.push_back(p.find('/') == std::string::npos ? p + "/tcp" : p);
                continue;
            }
            Result<std::vector<std::string>> ps = parse_ports(p);
            if (!ps) return at(ps.error(), arg_span(ins, i));
            for (const std::string& x : *ps) ports.push_back(x);
        }
    }
    std::vector<std::string>& exposed = c.cfg().exposed_ports;
    for (const std::string& p : ports)
        if (std::find(exposed.begin(), exposed.end(), p) == exposed.end()) exposed.push_back(p);
    std::sort(exposed.begin(), exposed.end());
    const std::string pm = go_port_map(std::set<std::string>(ports.begin(), ports.end()));
    c.st.created_by = nop(c, "EXPOSE " + pm);
    c.st.narration = "EXPOSE documents which ports the container listens on (" + go_list(ports) +
                     "): config only, no layer, and it publishes nothing by itself.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "EXPOSE " + pm);
    return {};
}

Status Builder::Impl::do_volume(Cur& c) {
    std::vector<std::string> vols;
    for (size_t i = 0; i < c.ins.args.size(); ++i) {
        Result<std::string> v = word(c.s, c.ins.args[i], arg_span(c.ins, i));
        if (!v) return v.error();
        if (v->empty()) return fail(Errc::einval, "VOLUME specified can not be an empty string", c.ins.text_span);
        vols.push_back(*v);
    }
    std::vector<std::string>& cfg_vols = c.cfg().volumes;
    for (const std::string& v : vols) {
        if (std::find(cfg_vols.begin(), cfg_vols.end(), v) == cfg_vols.end()) cfg_vols.push_back(v);
        c.s.volumes.push_back(v);
    }
    std::sort(cfg_vols.begin(), cfg_vols.end());
    c.st.created_by = nop(c, "VOLUME " + go_list(vols));
    c.st.narration = "VOLUME marks " + go_list(vols) + " as a mount point for containers: config only, no layer." +
                     (rules.run_discards_volume_changes
                          ? " Under " + std::string(rules.name) + ", what later RUNs write inside it is thrown away."
                          : "");
    c.st.rule = k_meta_rule;
    finish_metadata(c, "VOLUME " + go_list(vols));
    return {};
}

Status Builder::Impl::do_stopsignal(Cur& c) {
    Result<std::string> sig = word(c.s, c.ins.args.empty() ? "" : c.ins.args[0], c.ins.text_span);
    if (!sig) return sig.error();
    if (!valid_signal(*sig)) return fail(Errc::einval, "invalid signal: " + *sig, c.ins.text_span);
    c.cfg().stop_signal = *sig;
    c.st.created_by = nop(c, "STOPSIGNAL " + *sig);
    c.st.narration = "STOPSIGNAL sets the signal `docker stop` sends: config only, no layer.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "STOPSIGNAL " + *sig);
    return {};
}

// ---------------------------------------------------------------- HEALTHCHECK, SHELL, CMD, ENTRYPOINT

Status Builder::Impl::do_healthcheck(Cur& c) {
    const dockerfile::HealthArgs& ha = c.ins.health;
    Healthcheck h;
    h.test = ha.test;
    h.interval_ns = ha.interval_ns;
    h.timeout_ns = ha.timeout_ns;
    h.start_period_ns = ha.start_period_ns;
    h.start_interval_ns = ha.start_interval_ns;
    h.retries = ha.retries;
    if (rules.docker_config_fields) {
        c.cfg().healthcheck = h;
    } else {
        c.st.notes.push_back(
            "buildah with the OCI image format drops HEALTHCHECK: the OCI config has no such "
            "field (Docker's format has)");
    }
    c.st.created_by = nop(c, "HEALTHCHECK " + healthcheck_string(h));
    c.st.narration = ha.none ? "HEALTHCHECK NONE turns off a health check inherited from the base: config only."
                             : "HEALTHCHECK tells the runtime how to test the container: config only, no "
                               "layer (0s means the default: 30s interval, 30s timeout, 3 retries).";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "HEALTHCHECK " + healthcheck_string(h));
    return {};
}

Status Builder::Impl::do_shell(Cur& c) {
    c.cfg().shell = c.ins.args;
    c.st.created_by = nop(c, "SHELL " + go_list(c.ins.args));
    c.st.narration = "SHELL changes the shell that shell-form RUN, CMD and ENTRYPOINT use: config only.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "SHELL " + go_list(c.ins.args));
    return {};
}

Status Builder::Impl::do_cmd_entrypoint(Cur& c) {
    const Instruction& ins = c.ins;
    ImageConfig& cfg = c.cfg();
    const bool is_cmd = ins.kind == Kind::Cmd;
    std::vector<std::string> args = ins.args;
    if (!ins.json_form) {
        const std::string joined = join_words(args);
        if (!is_cmd && rules.empty_shell_entrypoint_unsets && args.empty()) {
            args.clear();
        } else {
            std::vector<std::string> sh = (rules.shell_form_uses_shell && !cfg.shell.empty())
                                              ? cfg.shell
                                              : std::vector<std::string>{"/bin/sh", "-c"};
            sh.push_back(joined);
            args = sh;
        }
    }
    const char* kw = is_cmd ? "CMD" : "ENTRYPOINT";
    if (is_cmd) {
        cfg.cmd = args;
        if (args.empty()) cfg.cmd.reset();  // an empty list is omitted from the JSON (omitempty)
        c.s.cmd_set = true;
    } else {
        cfg.entrypoint = args;
        if (args.empty()) cfg.entrypoint.reset();
        if (!c.s.cmd_set && cfg.cmd)
            c.st.notes.push_back(
                "ENTRYPOINT resets the CMD inherited from the base image (no CMD was set in this "
                "stage before it)");
        if (!c.s.cmd_set) cfg.cmd.reset();
    }
    c.st.created_by = nop(c, std::string(kw) + " " + go_quote_list(args));
    c.st.narration = std::string(kw) + " sets " +
                     (is_cmd ? "the default command" : "the program every container runs") +
                     ": config only, no layer." +
                     (ins.json_form || args.empty()
                          ? ""
                          : " Shell form: it is wrapped in " + go_list({args.begin(), args.end() - 1}) + ".");
    c.st.rule = k_meta_rule;
    finish_metadata(c, std::string(kw) + " " + go_quote_list(args));
    return {};
}

// ---------------------------------------------------------------- MAINTAINER, ONBUILD

Status Builder::Impl::do_maintainer(Cur& c) {
    std::string who = c.ins.args.empty() ? "" : c.ins.args[0];
    c.s.author = who;
    c.st.created_by = nop(c, "MAINTAINER " + who);
    c.st.narration = "MAINTAINER (deprecated; use LABEL) writes the image's Author field: config only.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "MAINTAINER " + who);
    return {};
}

Status Builder::Impl::do_onbuild(Cur& c) {
    std::string expr = original_args(c.ins);
    while (!expr.empty() && (expr.front() == ' ' || expr.front() == '\t')) expr.erase(0, 1);
    c.cfg().on_build.push_back(expr);
    c.st.created_by = rules.onbuild_in_history ? nop(c, "ONBUILD " + expr) : std::string();
    if (!rules.docker_config_fields)
        c.st.notes.push_back(
            "buildah with the OCI image format drops OnBuild from the config (it is a Docker "
            "format field)");
    c.st.narration =
        "ONBUILD stores \"" + expr + "\" in the config; it runs only when another build starts FROM this image.";
    c.st.rule = k_meta_rule;
    finish_metadata(c, "ONBUILD " + expr);
    return {};
}

// ---------------------------------------------------------------- WORKDIR

Status Builder::Impl::do_workdir(Cur& c) {
    Result<std::string> p = word(c.s, c.ins.args.empty() ? "" : c.ins.args[0], c.ins.text_span);
    if (!p) return p.error();
    ImageConfig& cfg = c.cfg();
    // NormalizeWorkdir: an absolute path is kept as written ("/app/" stays,
    // as in BuildKit and buildah); a relative one is joined to the current
    // WORKDIR and cleaned.
    const std::string wd =
        (!p->empty() && (*p)[0] == '/') ? *p : join_path(cfg.working_dir.empty() ? "/" : cfg.working_dir, *p);
    cfg.working_dir = wd;
    c.st.created_by = nop(c, "WORKDIR " + wd);
    if (!rules.workdir_makes_dir) {
        c.st.narration = "WORKDIR " + wd +
                         " sets the working directory in the config. buildah does not create it now: the next "
                         "RUN or COPY that needs it does, inside its own layer.";
        c.st.rule = "buildah: WORKDIR makes no layer";
        finish_metadata(c, "WORKDIR " + wd);
        return {};
    }
    if (wd == "/") {
        c.st.narration = "WORKDIR / needs no directory: config only.";
        c.st.rule = k_meta_rule;
        finish_metadata(c, "WORKDIR /");
        return {};
    }
    CacheStep cs;
    cs.parent = c.s.key;
    cs.text = "WORKDIR " + wd + "\nuser=" + cfg.user;
    cs.key = key_hash(cs.parent, cs.text);
    bool hit = lookup(c, cs);
    Status made = hit ? reuse_cached(c, cs.key) : workdir_mkdir(c, wd);
    if (!made) return made;
    finish_step(c, cs, hit);
    if (c.st.empty_layer) {
        c.st.narration = "WORKDIR " + wd + " already exists, so nothing changed: no layer.";
        c.st.rule = "a step that changes nothing makes no layer";
    } else {
        c.st.narration = "WORKDIR " + wd + " did not exist: BuildKit created it (mode 0755, owned by " +
                         (cfg.user.empty() ? std::string("root") : cfg.user) + ") in " + layer_label(c.s.image) + " (" +
                         format_bytes(c.st.layer->size()) + ").";
        c.st.rule = "BuildKit's WORKDIR creates its directory";
    }
    return {};
}

// BuildKit's llb.Mkdir(wd, 0755, WithParents, WithUser(USER)): missing
// components are created owned by USER (the classic builder: by root).
Status Builder::Impl::workdir_mkdir(Cur& c, const std::string& wd) {
    const std::string& user = c.cfg().user;
    Container ctr(store, c.s.image, "workdir");
    ctr.set_time(opt.epoch);
    uint32_t uid = 0, gid = 0;
    if (!user.empty() && rules.workdir_dir_owned_by_user) {
        Result<std::pair<uint32_t, uint32_t>> u = resolve_user(ctr, user);
        if (!u) return at(make_error(u.error().code, "mkdir " + wd + ": " + u.error().message), c.ins.span);
        uid = u->first;
        gid = u->second;
    }
    if (Status s = make_dirs(c, ctr, wd, uid, gid, true); !s) return s;
    c.st.events = ctr.take_events();
    LayerPtr l = ctr.commit_layer();
    c.st.state = StepState::done;
    if (l->empty()) {  // every flavour: an existing directory makes no layer
        c.st.empty_layer = true;
        return {};
    }
    c.st.empty_layer = false;
    c.st.layer = l;
    return push_layer(c, l);
}

}  // namespace ll::build
