// cmd_net.cpp: the programs that would use the network: curl, wget, git
// (clone), and gpg, gpgv, gpgconf (key import and signature checks); and
// update-ca-certificates.
//
// layerlab has no network. Where a real build downloads, these write the
// labelled placeholder of core/standin.h (a text placeholder, or for an
// archive name a gzip'd tar that `tar -x` unpacks into a stub tree) at the
// path the real tool writes, exit 0, and add a "stand-in: ..." note to the
// step. Checks of what was stood in (gpg --verify, gpgv, sha256sum -c) pass
// (gpg --decrypt gives a stand-in for the signed content)
// and say so in the note. Options are read as the real tools read them, so
// `curl -fsSLo FILE URL`, `curl -fsSL URL | tar -xz`, `wget -qO- URL` and
// `wget -O FILE URL` each put the placeholder where the bytes would go.
//
// Index: fetch (the one download rule), p_curl, p_wget, git: git_clone, p_git;
//        gpg: gnupg_home, gpg_keyring, gpg_decrypt, p_gpg, p_gpgv, p_gpgconf; p_update_ca_certificates;
//        net_programs
#include <algorithm>
#include <cctype>
#include <functional>

#include "core/sha256.h"
#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

// ---- the one download rule

// Puts the placeholder for `url` at `target` (a user path; "" or "-":
// stdout). Returns the exit status; `fail_status` when the target cannot be
// written (curl 23, wget 1).
int fetch(Ctx& ctx, const std::string& tool, const std::string& url, const std::string& target, bool create_dirs,
          int fail_status) {
    standin::Placeholder p = standin::download(url);
    const bool to_stdout = target.empty() || target == "-";
    ctx.sh.note(standin::download_note(tool, url, to_stdout ? std::string("stdout") : target, p));
    if (to_stdout) {
        ctx.out(p.bytes);
        return 0;
    }
    std::string path = ctx.path(target);
    if (create_dirs) (void)mkdir_p(ctx.c, dirname_of(path), 0755);
    ctx.sh.charge_data(p.bytes.size());
    Status w = ctx.c.write(path, ctx.c.store().blobs.bytes(p.bytes), WriteMode::truncate, 0666);
    if (!w) {
        if (tool == "curl")
            ctx.err("curl: (23) Failure writing output to destination\n");
        else
            ctx.err(tool + ": can't open '" + target + "': " + errno_text(w.error().code) + "\n");
        return fail_status;
    }
    return 0;
}

// ---- curl

int p_curl(Ctx& ctx) {
    // options that take a value (short letters, then long names)
    const std::string_view short_val = "oHXduAewmCxTFrbcKEQYyzt";
    static const char* long_val[] = {
        "output", "header", "request", "data", "data-binary", "data-raw", "data-urlencode", "user", "user-agent",
        "referer", "write-out", "max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time",
        "continue-at", "cacert", "capath", "cert", "key", "proxy", "resolve", "output-dir", "upload-file", "form",
        "proto", "proto-redir", "ciphers", "range", "limit-rate", "cookie", "cookie-jar", "config", "max-redirs",
        "netrc-file", "url", "dns-servers", "interface", "tls-max", "expect100-timeout", "create-file-mode"};
    // curl pairs the URLs and the output options (-o FILE, -O) in order,
    // wherever they stand: `curl URL --output FILE` is `curl -o FILE URL`
    std::vector<std::string> urls, outs;  // outs: a file name, or "\x01" (-O: the remote name)
    std::string out_dir;
    bool remote_all = false, create_dirs = false, fail = false;
    auto add_url = [&](const std::string& u) { urls.push_back(u); };
    const auto& a = ctx.argv;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s.rfind("--", 0) == 0 && s.size() > 2) {
            std::string name = s.substr(2), val;
            size_t eq = name.find('=');
            bool takes = std::any_of(std::begin(long_val), std::end(long_val),
                                     [&](const char* l) { return name.substr(0, eq) == l; });
            if (takes) {
                if (eq != std::string::npos) val = name.substr(eq + 1), name = name.substr(0, eq);
                else if (i + 1 < a.size()) val = a[++i];
                if (name == "output") outs.push_back(val);
                if (name == "output-dir") out_dir = val;
                if (name == "url") add_url(val);
                continue;
            }
            if (name == "remote-name") outs.push_back("\x01");
            if (name == "remote-name-all") remote_all = true;
            if (name == "create-dirs") create_dirs = true;
            if (name == "fail") fail = true;
            if (name == "help") {
                ctx.out("Usage: curl [options...] <url>\n");
                return 0;
            }
            if (name == "version") {
                ctx.out("curl 7.88.1 (x86_64-pc-linux-gnu) (layerlab: no network, downloads are stood in)\n");
                return 0;
            }
            continue;
        }
        if (s.size() > 1 && s[0] == '-') {
            for (size_t k = 1; k < s.size(); ++k) {
                char ch = s[k];
                if (ch == 'O') outs.push_back("\x01");
                if (ch == 'f') fail = true;
                if (short_val.find(ch) == std::string_view::npos) continue;
                std::string val = k + 1 < s.size() ? s.substr(k + 1) : i + 1 < a.size() ? a[++i] : "";
                if (ch == 'o') outs.push_back(val);
                break;
            }
            continue;
        }
        add_url(s);
    }
    (void)fail;
    std::vector<std::pair<std::string, std::string>> jobs;  // url, target ("" stdout, "\x01" remote name)
    for (size_t k = 0; k < urls.size(); ++k)
        jobs.emplace_back(urls[k], k < outs.size() ? outs[k] : remote_all ? "\x01" : "");
    if (jobs.empty()) {
        ctx.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    }
    for (auto& [url, target] : jobs) {
        if (target == "\x01") target = standin::url_file_name(url);
        if (!out_dir.empty() && !target.empty() && target[0] != '/') target = out_dir + "/" + target;
        if (int s = fetch(ctx, "curl", url, target, create_dirs, 23); s) return s;
    }
    return 0;
}

// ---- wget

int p_wget(Ctx& ctx) {
    std::string url, out, prefix;
    bool spider = false;
    const auto& a = ctx.argv;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        auto val = [&](size_t skip) { return s.size() > skip ? s.substr(skip) : i + 1 < a.size() ? a[++i] : ""; };
        if (s.rfind("--output-document=", 0) == 0) {
            out = s.substr(18);
        } else if (s == "--output-document") {
            out = val(s.size());
        } else if (s.rfind("--directory-prefix=", 0) == 0) {
            prefix = s.substr(19);
        } else if (s == "--spider") {
            spider = true;
        } else if (s == "-U" || s == "--header" || s == "-T" || s == "-t" || s == "--user-agent" || s == "-o" ||
                   s == "-a" || s == "--tries" || s == "--timeout" || s == "-e" || s == "--user" || s == "--password") {
            ++i;
        } else if (s.rfind("--", 0) == 0) {
            continue;  // --no-check-certificate, --progress=dot:giga, --quiet, ...
        } else if (s.size() > 1 && s[0] == '-') {
            // a cluster such as -qO- or -nv or -qO FILE
            size_t o = s.find('O'), p = s.find('P');
            if (o != std::string::npos) {
                out = s.size() > o + 1 ? s.substr(o + 1) : i + 1 < a.size() ? a[++i] : "";
            } else if (p != std::string::npos) {
                prefix = s.size() > p + 1 ? s.substr(p + 1) : i + 1 < a.size() ? a[++i] : "";
            }
        } else {
            url = s;
        }
    }
    if (url.empty()) {
        ctx.err(ctx.gnu ? "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more "
                          "options.\n"
                        : "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: wget "
                          "[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n");
        return 1;
    }
    if (spider) {
        ctx.sh.note("stand-in: wget --spider " + url + ": layerlab has no network; the check was stood in");
        return 0;
    }
    if (out.empty()) out = (prefix.empty() ? "" : prefix + "/") + standin::url_file_name(url);
    return fetch(ctx, "wget", url, out, !prefix.empty(), ctx.gnu ? 3 : 1);
}

// ---- git

int git_clone(Ctx& ctx, const std::vector<std::string>& args) {
    std::string url, dir;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s == "-b" || s == "--branch" || s == "--depth" || s == "-c" || s == "--config" || s == "-o" ||
            s == "--origin" || s == "--reference" || s == "-j" || s == "--jobs" || s == "--filter" ||
            s == "--shallow-since" || s == "--separate-git-dir") {
            ++i;
        } else if (s.size() > 1 && s[0] == '-') {
            continue;  // --depth=1, --single-branch, --recursive, -q, ...
        } else if (url.empty()) {
            url = s;
        } else {
            dir = s;
        }
    }
    if (url.empty()) {
        ctx.err("fatal: You must specify a repository to clone.\n");
        return 129;
    }
    if (dir.empty()) {
        dir = standin::url_file_name(url);
        if (dir.size() > 4 && dir.substr(dir.size() - 4) == ".git") dir.resize(dir.size() - 4);
    }
    std::string path = ctx.path(dir);
    if (Result<std::vector<DirEntry>> ls = ctx.c.list(path); ls && !ls->empty()) {
        ctx.err("fatal: destination path '" + dir + "' already exists and is not an empty directory.\n");
        return 128;
    }
    ctx.err("Cloning into '" + dir + "'...\n");
    (void)mkdir_p(ctx.c, path + "/.git/refs/heads", 0755);
    std::string label = "layerlab stand-in for a clone of " + url +
                        ": layerlab has no network, so the repository's files are not here.\n";
    (void)ctx.c.write_text(path + "/.git/HEAD", "ref: refs/heads/main\n");
    (void)ctx.c.write_text(path + "/.git/config", "[core]\n\trepositoryformatversion = 0\n[remote \"origin\"]\n\turl = " +
                                                      url + "\n");
    (void)ctx.c.write_text(path + "/LAYERLAB-STAND-IN.txt", label);
    ctx.sh.note("stand-in: git clone " + url + " -> " + dir +
                ": layerlab has no network, so the clone holds only .git/HEAD, .git/config and LAYERLAB-STAND-IN.txt");
    return 0;
}

int p_git(Ctx& ctx) {
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    std::string dir = ctx.cwd();
    // global options before the subcommand
    while (!args.empty() && args[0].size() > 1 && args[0][0] == '-') {
        if ((args[0] == "-C" || args[0] == "-c") && args.size() > 1) {
            if (args[0] == "-C") dir = ctx.path(args[1]);
            args.erase(args.begin(), args.begin() + 2);
        } else if (args[0] == "--version") {
            ctx.out("git version 2.39.5\n");
            return 0;
        } else {
            args.erase(args.begin());
        }
    }
    if (args.empty()) {
        ctx.out("usage: git [--version] [--help] [-C <path>] [-c <name>=<value>] <command> [<args>]\n");
        return 1;
    }
    const std::string sub = args[0];
    args.erase(args.begin());
    if (sub == "clone") return git_clone(ctx, args);
    if (sub == "config") return 0;  // settings layerlab does not keep (safe.directory, user.name, ...)
    if (sub == "init") {
        std::string d = args.empty() || args.back()[0] == '-' ? dir : ctx.path(args.back());
        (void)mkdir_p(ctx.c, d + "/.git/refs/heads", 0755);
        (void)ctx.c.write_text(d + "/.git/HEAD", "ref: refs/heads/main\n");
        ctx.out("Initialized empty Git repository in " + d + "/.git/\n");
        return 0;
    }
    // anything else needs a repository: layerlab's are stand-ins
    std::string d = dir;
    while (!ctx.c.exists(d + "/.git") && d != "/") d = dirname_of(d);
    if (!ctx.c.exists(d + "/.git")) {
        ctx.err("fatal: not a git repository (or any of the parent directories): .git\n");
        return 128;
    }
    if (sub == "rev-parse" || sub == "describe") {
        bool is_short = std::find(args.begin(), args.end(), "--short") != args.end();
        ctx.out(sub == "describe" ? "v0.0.0-layerlab\n" : is_short ? "0000000\n" : std::string(40, '0') + "\n");
    }
    ctx.sh.note("stand-in: git " + sub + " in " + d + ": the repository is a layerlab placeholder, so nothing changed");
    return 0;
}

// ---- gpg

std::string gnupg_home(Ctx& ctx, const std::vector<std::string>& args) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--homedir") return ctx.path(args[i + 1]);
    if (const std::string* h = ctx.getenv("GNUPGHOME")) return ctx.path(*h);
    const std::string* home = ctx.getenv("HOME");
    return (home ? *home : std::string("/root")) + "/.gnupg";
}

// The keyring files a key import creates (gpg 2.2: pubring.kbx, trustdb.gpg).
void gpg_keyring(Ctx& ctx, const std::string& home, size_t keys) {
    (void)mkdir_p(ctx.c, home, 0700);
    (void)ctx.c.chmod(home, 0700);
    if (!ctx.c.exists(home + "/pubring.kbx")) ctx.err("gpg: keybox '" + home + "/pubring.kbx' created\n");
    BlobStore& blobs = ctx.c.store().blobs;
    BlobId kbx = standin::artifact(blobs, "gpg --import", home + "/pubring.kbx", 32 + 1500 * keys);
    (void)ctx.c.write(home + "/pubring.kbx", kbx, WriteMode::truncate, 0644);
    if (!ctx.c.exists(home + "/trustdb.gpg")) {
        ctx.err("gpg: " + home + "/trustdb.gpg: trustdb created\n");
        (void)ctx.c.write(home + "/trustdb.gpg", blobs.random(1200, keys), WriteMode::truncate, 0600);
    }
}

// gpg --decrypt [--output OUT] IN of a signed download (SHASUMS256.txt.asc,
// wp-cli.phar.gpg): the signed content is not known (the download is a
// placeholder), so OUT is a stand-in: for a checksum list (a name with
// "sha" or "sum"), one "<placeholder hash>  NAME" line per download
// placeholder in the directory, which sha256sum -c reports as stood in;
// else the placeholder a download of that name gets.
int gpg_decrypt(Ctx& ctx, const std::vector<std::string>& ops, const std::string& output) {
    const std::string in = ops.empty() ? "-" : ops[0];
    if (in != "-" && !ctx.c.exists(ctx.path(in))) {
        ctx.err("gpg: can't open '" + in + "': No such file or directory\ngpg: decrypt_message failed: No such file or "
                "directory\n");
        return 2;
    }
    std::string name = in == "-" ? std::string("stdin") : basename_of(in);
    for (const char* suf : {".asc", ".gpg", ".sig"})
        if (name.size() > 4 && name.substr(name.size() - 4) == suf) name.resize(name.size() - 4);
    std::string lower = name;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string text;
    if (lower.find("sha") != std::string::npos || lower.find("sum") != std::string::npos) {
        const std::string dir = in == "-" ? ctx.cwd() : dirname_of(ctx.path(in));
        BlobStore& blobs = ctx.c.store().blobs;
        if (Result<std::vector<DirEntry>> ls = ctx.c.list(dir))
            for (const DirEntry& d : *ls) {
                if (d.type != EntryType::file) continue;
                Result<BlobId> b = ctx.c.read(dir + "/" + d.name);
                if (b && standin::is_placeholder(blobs, *b))
                    text += sha256(d.name).hex() + "  " + d.name + "\n";
            }
    } else {
        text = standin::download(name).bytes;
    }
    ctx.err("gpg: layerlab stand-in: the signature was not checked\n");
    ctx.sh.note("stand-in: gpg --decrypt " + in + ": the signed file is a placeholder for a download, so its content "
                "is not known: " + (text.empty() || text[0] != '#' ? "a checksum list of the download placeholders "
                "beside it (sha256sum -c reports them stood in)" : "the placeholder a download of " + name + " gets") +
                " stands in for it");
    if (output.empty() || output == "-") {
        ctx.out(text);
        return 0;
    }
    Status w = ctx.c.write_text(ctx.path(output), text, WriteMode::truncate, 0644);
    if (!w) {
        ctx.err("gpg: can't create '" + output + "': " + errno_text(w.error().code) + "\n");
        return 2;
    }
    return 0;
}

int p_gpg(Ctx& ctx) {
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    std::string action, output;
    std::vector<std::string> ops;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s == "--keyserver" || s == "--homedir" || s == "--keyserver-options" || s == "--trust-model" ||
            s == "--default-key" || s == "-u" || s == "--local-user" || s == "-r" || s == "--recipient") {
            ++i;
        } else if (s == "-o" || s == "--output") {
            output = i + 1 < args.size() ? args[++i] : "";
        } else if (s == "--recv-keys" || s == "--receive-keys" || s == "--recv-key" || s == "--import" ||
                   s == "--verify" || s == "--export" || s == "--dearmor" || s == "--enarmor" || s == "--fingerprint" ||
                   s == "--list-keys" || s == "-k" || s == "--list-secret-keys" || s == "--print-md" ||
                   s == "--decrypt" || s == "-d" ||
                   s == "--version" || s == "--armor-export" || s == "--export-options") {
            if (action.empty()) action = s;
        } else if (s.rfind("--", 0) == 0 || (s.size() > 1 && s[0] == '-')) {
            continue;  // --batch, --yes, --quiet, --no-tty, --armor, -q, ...
        } else {
            ops.push_back(s);
        }
    }
    const std::string home = gnupg_home(ctx, args);
    if (action == "--version") {
        ctx.out("gpg (GnuPG) 2.2.40\n");
        return 0;
    }
    if (action == "--recv-keys" || action == "--receive-keys" || action == "--recv-key" || action == "--import") {
        bool net = action != "--import";
        if (!net && !ops.empty() && !ctx.c.exists(ctx.path(ops[0]))) {
            ctx.err("gpg: can't open '" + ops[0] + "': No such file or directory\n");
            return 2;
        }
        size_t keys = net ? std::max<size_t>(ops.size(), 1) : 1;
        gpg_keyring(ctx, home, keys);
        for (size_t k = 0; k < keys; ++k)
            ctx.err("gpg: key " + (net ? ops[k] : std::string("(from ") + (ops.empty() ? "stdin" : ops[0]) + ")") +
                    ": public key imported (layerlab stand-in)\n");
        ctx.sh.note(std::string("stand-in: gpg ") + action + ": " +
                    (net ? "layerlab has no network, so the keys were not fetched" : "the key was not read") +
                    "; " + home + "/pubring.kbx is a placeholder keyring");
        return 0;
    }
    if (action == "--verify") {
        for (const std::string& f : ops)
            if (!ctx.c.exists(ctx.path(f))) {
                ctx.err("gpg: can't open '" + f + "': No such file or directory\ngpg: verify signatures failed: "
                        "No such file or directory\n");
                return 2;
            }
        ctx.err("gpg: layerlab stand-in: the signature was not checked\n");
        ctx.sh.note("stand-in: gpg --verify " + (ops.empty() ? std::string("(stdin)") : ops[0]) +
                    ": layerlab cannot check signatures of stood-in downloads; it passes, as a real build's would");
        return 0;
    }
    if (action == "--decrypt" || action == "-d") return gpg_decrypt(ctx, ops, output);
    if (action == "--export" || action == "--dearmor" || action == "--enarmor") {
        std::string src = action == "--export" ? "gpg --export" : "gpg " + action;
        BlobId b = standin::artifact(ctx.c.store().blobs, src, output.empty() ? "stdout" : output, 1200);
        ctx.sh.note("stand-in: " + src + ": the key bytes are a layerlab placeholder");
        if (output.empty() || output == "-") {
            ctx.out(ctx.c.store().blobs.read_all(b));
            return 0;
        }
        (void)mkdir_p(ctx.c, dirname_of(ctx.path(output)), 0755);
        Status w = ctx.c.write(ctx.path(output), b, WriteMode::truncate, 0644);
        if (!w) {
            ctx.err("gpg: can't create '" + output + "': " + errno_text(w.error().code) + "\n");
            return 2;
        }
        return 0;
    }
    if (!action.empty()) return 0;  // listing keys: nothing to list that is real
    ctx.err("gpg: layerlab simulates --recv-keys, --import, --verify, --export, --dearmor\n");
    return 2;
}

int p_gpgv(Ctx& ctx) {
    std::vector<std::string> ops;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& s = ctx.argv[i];
        if (s == "--keyring" || s == "--homedir" || s == "--status-fd" || s == "--weak-digest") {
            ++i;
        } else if (s[0] != '-') {
            ops.push_back(s);
        }
    }
    for (const std::string& f : ops)
        if (!ctx.c.exists(ctx.path(f))) {
            ctx.err("gpgv: can't open '" + f + "': No such file or directory\n");
            return 2;
        }
    ctx.err("gpgv: layerlab stand-in: the signature was not checked\n");
    ctx.sh.note("stand-in: gpgv " + (ops.empty() ? std::string() : ops[0]) +
                ": layerlab cannot check signatures of stood-in downloads; it passes");
    return 0;
}

int p_gpgconf(Ctx& ctx) {
    // --kill all / --kill gpg-agent: no agent runs in layerlab; --list-dirs
    for (size_t i = 1; i < ctx.argv.size(); ++i)
        if (ctx.argv[i] == "--list-dirs") {
            std::vector<std::string> none;
            std::string home = gnupg_home(ctx, none);
            ctx.out("sysconfdir:/etc/gnupg\nbindir:/usr/bin\nlibexecdir:/usr/lib/gnupg\ndatadir:/usr/share/gnupg\n"
                    "homedir:" + home + "\n");
        }
    return 0;
}

// ---- update-ca-certificates

// Debian's: every *.crt under /usr/local/share/ca-certificates is linked
// into /etc/ssl/certs as NAME.pem and appended to ca-certificates.crt.
// Alpine's (a C program) does the same quietly.
int p_update_ca_certificates(Ctx& ctx) {
    if (ctx.c.cred().uid != 0) {
        ctx.err("update-ca-certificates: Permission denied\n");
        return 1;
    }
    Container& c = ctx.c;
    const std::string local = "/usr/local/share/ca-certificates", certs = "/etc/ssl/certs";
    std::vector<std::string> added;
    std::function<void(const std::string&)> walk = [&](const std::string& dir) {
        Result<std::vector<DirEntry>> ls = c.list(dir);
        if (!ls) return;
        for (const DirEntry& d : *ls) {
            std::string p = dir + "/" + d.name;
            Result<Stat> st = c.stat(p);
            if (st && st->type == EntryType::dir)
                walk(p);
            else if (d.name.size() > 4 && d.name.substr(d.name.size() - 4) == ".crt")
                added.push_back(p);
        }
    };
    walk(local);
    (void)mkdir_p(c, certs, 0755);
    std::string bundle_path = certs + "/ca-certificates.crt";
    Result<BlobId> bundle = c.read(bundle_path);
    BlobStore& blobs = c.store().blobs;
    BlobId b = bundle ? *bundle : k_empty_blob;
    size_t fresh = 0;
    for (const std::string& p : added) {
        std::string name = basename_of(p);
        std::string link = certs + "/" + name.substr(0, name.size() - 4) + ".pem";
        if (c.lstat(link)) continue;
        (void)c.symlink(p, link);
        if (Result<BlobId> pem = c.read(p)) b = blobs.concat(b, *pem);
        ++fresh;
    }
    if (fresh || !bundle) (void)c.write(bundle_path, b, WriteMode::truncate, 0644);
    if (ctx.gnu) {
        ctx.out("Updating certificates in /etc/ssl/certs...\n" + std::to_string(fresh) +
                " added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n");
    }
    return 0;
}

}  // namespace

std::vector<ProgramDef> net_programs() {
    return {{"curl", p_curl}, {"git", p_git},   {"gpg", p_gpg},
            {"gpgconf", p_gpgconf}, {"gpgv", p_gpgv}, {"update-ca-certificates", p_update_ca_certificates},
            {"wget", p_wget}};
}

}  // namespace ll::shell
