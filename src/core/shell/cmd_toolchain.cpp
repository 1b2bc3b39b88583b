// cmd_toolchain.cpp: build tools as labelled stand-ins. layerlab runs no
// compiler: where the real tool writes its output, these write a placeholder
// artifact of a plausible size (core/standin.h: a "layerlab stand-in" header,
// then synthetic bytes), at the path the real tool uses, exit 0, and add a
// "stand-in: ..." note naming what they wrote. They run only where the image
// has the tool in $PATH (golang images have go, ...), like any program.
//
//   go build -o X / go build (module's last path element) / go install   -> X, $GOPATH/bin/NAME
//   go mod download, go get                -> $GOMODCACHE (or $GOPATH/pkg/mod) placeholder
//   cargo build [--release] [--target T]   -> target/[T/]{debug,release}/NAME (Cargo.toml)
//   mvn package|install|verify (mvnw)      -> target/ARTIFACT-VERSION.jar|war (pom.xml), ~/.m2
//   gradle build|bootJar|jar|installDist   -> build/libs/NAME[-VERSION].jar, build/install/NAME
//   dotnet restore / build / publish       -> obj/, bin/CFG/TFM[/RID]/publish/NAME.dll (or -o)
//   javac, cc/gcc/g++                      -> X.class, a.out or -o
//   make: nothing, a note; over a stand-in source tree (./configure && make && make install of a
//   downloaded archive): the project's program in the tree, its install under the prefix
//   (core/standin.h make_outputs)
//   npm run build (yarn/pnpm build)        -> dist/ build/ .next/ ... as package.json's script writes
//
// Index: artifact helpers (put_artifact, read_project, xml_tag, toml_value);
//        p_go, p_cargo, p_mvn, p_gradle, p_dotnet, p_javac, p_cc, make_var, make_stand_in_tree, p_make,
//        npm_run_script (npm run, also called by cmd_pkg's npm), p_yarn, p_corepack;
//        toolchain_programs (and cmd_php.cpp's php_programs)
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/shell/interp.h"
#include "core/standin.h"

namespace ll::shell {

namespace {

constexpr uint64_t k_kib = 1024, k_mib = 1024 * 1024;

// ---- artifact helpers

// Writes a placeholder of `size` bytes at `user_path` (parents created) and
// records it in `made` for the note.
bool put_artifact(Ctx& ctx, const std::string& tool, const std::string& user_path, uint64_t size,
                  std::vector<std::string>& made, uint32_t mode = 0755) {
    std::string p = ctx.path(user_path);
    (void)mkdir_p(ctx.c, dirname_of(p), 0755);
    BlobId b = standin::artifact(ctx.c.store().blobs, tool, p, size);
    (void)ctx.c.unlink(p);
    Status w = ctx.c.write(p, b, WriteMode::truncate, mode);
    if (!w) {
        ctx.err(tool + ": cannot write " + user_path + ": " + errno_text(w.error().code) + "\n");
        return false;
    }
    (void)ctx.c.chmod(p, mode);
    made.push_back(p + " (" + format_bytes(size) + ")");
    return true;
}

void artifact_note(Ctx& ctx, const std::string& tool, const std::vector<std::string>& made) {
    std::string list;
    for (const std::string& m : made) list += (list.empty() ? "" : ", ") + m;
    ctx.sh.note("stand-in: " + tool + (made.empty() ? " ran nothing" : " wrote placeholders: " + list) +
                " (layerlab runs no compiler and has no network: sizes are plausible, contents are not real)");
}

std::string read_project(Ctx& ctx, const std::string& user_path) {
    std::optional<std::string> t = ctx.file_text(user_path, true);
    return t ? *t : std::string();
}

// The text of the first <tag>...</tag> (after `from`), trimmed; "" if none.
std::string xml_tag(const std::string& xml, const std::string& tag, size_t from = 0) {
    size_t b = xml.find("<" + tag + ">", from);
    if (b == std::string::npos) return {};
    b += tag.size() + 2;
    size_t e = xml.find("</" + tag + ">", b);
    if (e == std::string::npos) return {};
    std::string v = xml.substr(b, e - b);
    size_t s = v.find_first_not_of(" \t\r\n"), t = v.find_last_not_of(" \t\r\n");
    return s == std::string::npos ? std::string() : v.substr(s, t - s + 1);
}

// `key = "value"` (TOML, gradle) in the text after `section` ("" anywhere).
std::string toml_value(const std::string& text, const std::string& section, const std::string& key) {
    size_t from = section.empty() ? 0 : text.find(section);
    if (from == std::string::npos) return {};
    for (size_t p = text.find(key, from); p != std::string::npos; p = text.find(key, p + 1)) {
        if (p > 0 && (std::isalnum(static_cast<unsigned char>(text[p - 1])) || text[p - 1] == '_' || text[p - 1] == '.'))
            continue;
        size_t q = p + key.size();
        while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
        if (q >= text.size() || text[q] != '=') continue;
        size_t open = text.find_first_of("\"'", q);
        size_t nl = text.find('\n', q);
        if (open == std::string::npos || (nl != std::string::npos && open > nl)) continue;
        size_t close = text.find(text[open], open + 1);
        if (close == std::string::npos) return {};
        return text.substr(open + 1, close - open - 1);
    }
    return {};
}

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
}

std::string env_or(Ctx& ctx, const char* k, const std::string& dflt) {
    const std::string* v = ctx.getenv(k);
    return v && !v->empty() ? *v : dflt;
}

std::string home_dir(Ctx& ctx) { return env_or(ctx, "HOME", "/root"); }

// ---- go

int p_go(Ctx& ctx) {
    const auto& a = ctx.argv;
    const std::string sub = a.size() > 1 ? a[1] : "";
    const std::string gopath = env_or(ctx, "GOPATH", home_dir(ctx) + "/go");
    if (sub == "version") {
        ctx.out("go version go" + env_or(ctx, "GOLANG_VERSION", "1.22.5") + " linux/amd64\n");
        return 0;
    }
    if (sub == "env") {
        std::map<std::string, std::string> env = {{"GOPATH", gopath},
                                                   {"GOOS", "linux"},
                                                   {"GOARCH", env_or(ctx, "GOARCH", "amd64")},
                                                   {"GOCACHE", env_or(ctx, "GOCACHE", home_dir(ctx) + "/.cache/go-build")},
                                                   {"GOMODCACHE", env_or(ctx, "GOMODCACHE", gopath + "/pkg/mod")},
                                                   {"CGO_ENABLED", env_or(ctx, "CGO_ENABLED", "1")},
                                                   {"GOROOT", "/usr/local/go"}};
        for (size_t i = 2; i < a.size(); ++i) ctx.out((env.count(a[i]) ? env[a[i]] : env_or(ctx, a[i].c_str(), "")) + "\n");
        if (a.size() <= 2)
            for (const auto& [k, v] : env) ctx.out(k + "='" + v + "'\n");
        return 0;
    }
    // find go.mod upwards from the working directory
    std::string dir = ctx.cwd(), gomod;
    for (;;) {
        if (ctx.c.exists(dir + "/go.mod")) {
            gomod = read_project(ctx, dir + "/go.mod");
            break;
        }
        if (dir == "/") break;
        dir = dirname_of(dir);
    }
    const bool has_mod = ctx.c.exists(dir + "/go.mod");
    const size_t deps = count_of(gomod, "\n\t") + count_of(gomod, "\nrequire ");
    std::vector<std::string> made;
    const std::string modcache = env_or(ctx, "GOMODCACHE", gopath + "/pkg/mod");
    if (sub == "mod" && a.size() > 2 && a[2] == "init") {
        std::string mod = a.size() > 3 ? a[3] : basename_of(ctx.cwd());
        (void)ctx.c.write_text(ctx.path("go.mod"), "module " + mod + "\n\ngo 1.22\n");
        ctx.err("go: creating new go.mod: module " + mod + "\n");
        return 0;
    }
    if ((sub == "mod" || sub == "build" || sub == "install" || sub == "get" || sub == "test" || sub == "vet" ||
         sub == "run") &&
        !has_mod && std::none_of(a.begin() + 1, a.end(), [](const std::string& s) {
            return s.size() > 3 && s.substr(s.size() - 3) == ".go";
        }) && !(sub == "install" && a.size() > 2 && a.back().find('@') != std::string::npos)) {
        ctx.err("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
        return 1;
    }
    if (sub == "mod" || sub == "get") {
        if (deps && !put_artifact(ctx, "go " + sub, modcache + "/cache/download/LAYERLAB-STAND-IN", deps * 3 * k_mib,
                                  made, 0644))
            return 1;
        artifact_note(ctx, "go " + sub + (a.size() > 2 ? " " + a[2] : ""), made);
        return 0;
    }
    if (sub != "build" && sub != "install") {
        artifact_note(ctx, "go " + sub, made);  // test, vet, generate, run, fmt: nothing to write
        return 0;
    }
    std::string out;
    std::vector<std::string> pkgs;
    for (size_t i = 2; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "-o") {
            out = i + 1 < a.size() ? a[++i] : "";
        } else if (s == "-ldflags" || s == "-tags" || s == "-gcflags" || s == "-asmflags" || s == "-mod" ||
                   s == "-p" || s == "-pkgdir" || s == "-installsuffix" || s == "-buildmode" || s == "-C") {
            ++i;
        } else if (s.rfind("-o=", 0) == 0) {
            out = s.substr(3);
        } else if (s[0] != '-') {
            pkgs.push_back(s);
        }
    }
    // the command's name: a single .go file's stem, a package path's last element, else the module's
    std::string name;
    std::string module = gomod.rfind("module ", 0) == 0 ? gomod.substr(7, gomod.find('\n') - 7) : "";
    if (pkgs.size() >= 1 && pkgs[0].size() > 3 && pkgs[0].substr(pkgs[0].size() - 3) == ".go")
        name = basename_of(pkgs[0]).substr(0, basename_of(pkgs[0]).size() - 3);
    else if (!pkgs.empty() && pkgs[0] != "." && pkgs[0] != "./...")
        name = basename_of(pkgs[0].substr(0, pkgs[0].find('@')));
    else
        name = module.empty() ? basename_of(dir) : basename_of(module);
    if (name.empty() || name == "." || name == "/") name = "main";
    if (sub == "install") {
        out = env_or(ctx, "GOBIN", gopath + "/bin") + "/" + name;
    } else if (out.empty()) {
        out = name;
    } else {
        Result<Stat> st = ctx.c.stat(ctx.path(out));
        if (out.back() == '/' || (st && st->type == EntryType::dir)) out += (out.back() == '/' ? "" : "/") + name;
    }
    uint64_t size = std::min<uint64_t>(2 * k_mib + deps * 600 * k_kib, 60 * k_mib);
    if (!put_artifact(ctx, "go " + sub, out, size, made)) return 1;
    std::string cache = env_or(ctx, "GOCACHE", home_dir(ctx) + "/.cache/go-build");
    if (cache != "off") (void)put_artifact(ctx, "go " + sub, cache + "/LAYERLAB-STAND-IN", size * 3, made, 0644);
    artifact_note(ctx, "go " + sub, made);
    return 0;
}

// ---- cargo

int p_cargo(Ctx& ctx) {
    const auto& a = ctx.argv;
    const std::string sub = a.size() > 1 ? a[1] : "";
    if (sub == "--version" || sub == "-V") {
        ctx.out("cargo " + env_or(ctx, "RUST_VERSION", "1.79.0") + "\n");
        return 0;
    }
    const std::string cargo_home = env_or(ctx, "CARGO_HOME", home_dir(ctx) + "/.cargo");
    std::vector<std::string> made;
    if (sub == "init" || sub == "new") {
        std::string d = sub == "new" && a.size() > 2 ? a.back() : ".";
        std::string name = basename_of(ctx.path(d));
        (void)mkdir_p(ctx.c, ctx.path(d + "/src"), 0755);
        (void)ctx.c.write_text(ctx.path(d + "/Cargo.toml"), "[package]\nname = \"" + name +
                                                                "\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n");
        (void)ctx.c.write_text(ctx.path(d + "/src/main.rs"), "fn main() {\n    println!(\"Hello, world!\");\n}\n");
        ctx.err("     Created binary (application) `" + name + "` package\n");
        return 0;
    }
    std::string manifest = "Cargo.toml", target, bin;
    bool release = false;
    for (size_t i = 2; i < a.size(); ++i) {
        if (a[i] == "--release" || a[i] == "-r") release = true;
        if (a[i] == "--target" && i + 1 < a.size()) target = a[++i];
        if (a[i] == "--bin" && i + 1 < a.size()) bin = a[++i];
        if (a[i] == "--manifest-path" && i + 1 < a.size()) manifest = a[++i];
        if (a[i].rfind("--target=", 0) == 0) target = a[i].substr(9);
    }
    const std::string toml = read_project(ctx, manifest);
    if (toml.empty() && sub != "install" && sub != "chef") {  // chef cook builds from the recipe alone
        ctx.err("error: could not find `Cargo.toml` in `" + ctx.cwd() + "` or any parent directory\n");
        return 101;
    }
    size_t deps = 0;
    if (size_t d = toml.find("[dependencies]"); d != std::string::npos) {
        size_t end = toml.find("\n[", d + 1);
        deps = count_of(toml.substr(d, end == std::string::npos ? std::string::npos : end - d), "=");
    }
    std::string name = bin.empty() ? toml_value(toml, "[[bin]]", "name") : bin;
    if (name.empty()) name = toml_value(toml, "[package]", "name");
    if (name.empty()) name = basename_of(ctx.cwd());
    if (sub == "chef") {
        // cargo-chef (lukemathwalker/cargo-chef): `prepare` writes the recipe
        // (the project's skeleton: manifests and lock file), `cook` builds the
        // dependencies alone into target/
        std::string recipe = "recipe.json";
        for (size_t i = 2; i + 1 < a.size(); ++i)
            if (a[i] == "--recipe-path") recipe = a[i + 1];
        const std::string what = a.size() > 2 ? a[2] : "";
        if (what == "prepare") {
            (void)put_artifact(ctx, "cargo chef prepare", recipe, 2 * k_kib + toml.size(), made, 0644);
        } else if (what == "cook" && !ctx.c.exists(ctx.path(recipe))) {
            ctx.err("Error: Failed to read recipe from " + recipe + "\n");
            return 1;
        } else if (what == "cook") {
            (void)put_artifact(ctx, "cargo chef cook", cargo_home + "/registry/LAYERLAB-STAND-IN", (deps + 1) * k_mib,
                               made, 0644);
            (void)put_artifact(ctx, "cargo chef cook",
                               env_or(ctx, "CARGO_TARGET_DIR", "target") + (release ? "/release" : "/debug") +
                                   "/deps/LAYERLAB-STAND-IN",
                               (release ? 1 : 3) * (8 * k_mib + deps * 2 * k_mib), made, 0644);
        }
        artifact_note(ctx, "cargo chef " + what, made);
        return 0;
    }
    if (sub == "fetch" || sub == "build" || sub == "install" || sub == "b") {
        if (deps) (void)put_artifact(ctx, "cargo " + sub, cargo_home + "/registry/LAYERLAB-STAND-IN", deps * k_mib, made, 0644);
    }
    if (sub == "build" || sub == "b") {
        std::string dir = env_or(ctx, "CARGO_TARGET_DIR", "target") + (target.empty() ? "" : "/" + target) +
                          (release ? "/release/" : "/debug/");
        uint64_t size = (release ? 1 : 5) * (3 * k_mib + deps * 300 * k_kib);
        if (!put_artifact(ctx, "cargo build", dir + name, size, made)) return 1;
        ctx.err("    Finished `" + std::string(release ? "release" : "dev") + "` profile target(s) (layerlab stand-in)\n");
    } else if (sub == "install") {
        if (!put_artifact(ctx, "cargo install", cargo_home + "/bin/" + name, 3 * k_mib + deps * 300 * k_kib, made))
            return 1;
    }
    artifact_note(ctx, "cargo " + sub, made);
    return 0;
}


// ---- rustup-init (the installer the rust images download and run)
//
// rustup-init -y [--profile P] [--default-toolchain T] [--default-host H]:
// installs rustup's proxies into $CARGO_HOME/bin (cargo, rustc, rustup, ...,
// all one program, as hard links) and the toolchain into
// $RUSTUP_HOME/toolchains/T-H, as labelled placeholders of plausible sizes.
int p_rustup_init(Ctx& ctx) {
    const auto& a = ctx.argv;
    std::string toolchain = "stable", host = "x86_64-unknown-linux-gnu", profile = "default";
    bool yes = false;
    for (size_t i = 1; i < a.size(); ++i) {
        auto val = [&](const std::string& name) {
            if (a[i] == name && i + 1 < a.size()) return a[++i];
            return a[i].substr(name.size() + 1);
        };
        if (a[i] == "-y") yes = true;
        else if (a[i] == "--default-toolchain" || a[i].rfind("--default-toolchain=", 0) == 0) toolchain = val("--default-toolchain");
        else if (a[i] == "--default-host" || a[i].rfind("--default-host=", 0) == 0) host = val("--default-host");
        else if (a[i] == "--profile" || a[i].rfind("--profile=", 0) == 0) profile = val("--profile");
    }
    if (!yes) {
        ctx.err("error: layerlab's rustup-init needs -y (a build has no terminal to answer its questions)\n");
        return 1;
    }
    const std::string cargo_home = ctx.path(env_or(ctx, "CARGO_HOME", home_dir(ctx) + "/.cargo"));
    const std::string rustup_home = ctx.path(env_or(ctx, "RUSTUP_HOME", home_dir(ctx) + "/.rustup"));
    std::vector<std::string> made;
    const std::string proxy = cargo_home + "/bin/rustup";
    if (!put_artifact(ctx, "rustup-init", proxy, 16 * k_mib, made)) return 1;
    for (const char* p : {"cargo", "cargo-clippy", "cargo-fmt", "clippy-driver", "rust-analyzer", "rust-gdb",
                          "rust-gdbgui", "rust-lldb", "rustc", "rustdoc", "rustfmt"})
        (void)ctx.c.link(proxy, cargo_home + "/bin/" + p);
    const std::string tc = rustup_home + "/toolchains/" + toolchain + "-" + host;
    const uint64_t lib = profile == "minimal" ? 330 * k_mib : 560 * k_mib;
    (void)put_artifact(ctx, "rustup-init", tc + "/lib/LAYERLAB-STAND-IN", lib, made, 0644);
    for (const char* p : {"cargo", "rustc", "rustdoc"})
        (void)put_artifact(ctx, "rustup-init", tc + "/bin/" + p, 20 * k_mib, made);
    (void)ctx.c.write_text(rustup_home + "/settings.toml", "default_toolchain = \"" + toolchain + "-" + host +
                                                               "\"\nprofile = \"" + profile + "\"\nversion = \"12\"\n");
    (void)mkdir_p(ctx.c, rustup_home + "/update-hashes", 0755);
    ctx.err("info: profile set to '" + profile + "'\ninfo: default host triple is " + host +
            "\ninfo: syncing channel updates for '" + toolchain + "-" + host + "'\n\n  " + toolchain + "-" + host +
            " installed (layerlab stand-in)\n\n");
    artifact_note(ctx, "rustup-init (no network: the toolchain was not downloaded)", made);
    return 0;
}

// ---- mvn (and ./mvnw)

// pom.xml's own artifactId/version/packaging/finalName (not the parent's or a dependency's).
struct Pom {
    std::string artifact, version, packaging = "jar", final_name;
    size_t deps = 0;
    bool spring_boot = false;
};
Pom read_pom(const std::string& xml) {
    Pom p;
    std::string own = xml;
    for (const char* block : {"parent", "dependencies", "dependencyManagement", "build", "profiles", "plugins"}) {
        std::string open = std::string("<") + block + ">", close = std::string("</") + block + ">";
        for (size_t b = own.find(open); b != std::string::npos; b = own.find(open)) {
            size_t e = own.find(close, b);
            if (e == std::string::npos) break;
            own.erase(b, e + close.size() - b);
        }
    }
    p.artifact = xml_tag(own, "artifactId");
    p.version = xml_tag(own, "version");
    if (p.version.empty()) p.version = xml_tag(xml.substr(0, xml.find("</parent>") + 1), "version");
    if (std::string pk = xml_tag(own, "packaging"); !pk.empty()) p.packaging = pk;
    p.final_name = xml_tag(xml, "finalName");
    p.deps = count_of(xml, "<dependency>");
    p.spring_boot = xml.find("spring-boot") != std::string::npos;
    return p;
}

int p_mvn(Ctx& ctx) {
    const auto& a = ctx.argv;
    std::string pom_path = "pom.xml", repo = home_dir(ctx) + "/.m2/repository";
    bool quiet = false, builds = false, clean = false;
    std::vector<std::string> goals;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "-f" || s == "--file") {
            pom_path = i + 1 < a.size() ? a[++i] : pom_path;
        } else if (s == "-s" || s == "-P" || s == "-pl" || s == "-T" || s == "-gs" || s == "-rf" || s == "-D") {
            ++i;
        } else if (s.rfind("-Dmaven.repo.local=", 0) == 0) {
            repo = s.substr(19);
        } else if (s == "-q" || s == "--quiet") {
            quiet = true;
        } else if (s == "-v" || s == "--version") {
            ctx.out("Apache Maven " + env_or(ctx, "MAVEN_VERSION", "3.9.8") + " (layerlab stand-in)\n");
            return 0;
        } else if (s[0] != '-') {
            goals.push_back(s);
            if (s == "package" || s == "install" || s == "verify" || s == "deploy" || s == "spring-boot:repackage")
                builds = true;
            if (s == "clean") clean = true;
        }
    }
    if (!ctx.c.exists(ctx.path(pom_path))) {
        ctx.out("[ERROR] The goal you specified requires a project to execute but there is no POM in this directory ("
                + ctx.cwd() + "). Please verify you invoked Maven from the correct directory. -> [Help 1]\n");
        return 1;
    }
    Pom pom = read_pom(read_project(ctx, pom_path));
    const std::string base = dirname_of(ctx.path(pom_path));
    std::vector<std::string> made;
    if (clean) (void)remove_tree(ctx.c, base + "/target");
    (void)put_artifact(ctx, "mvn", repo + "/LAYERLAB-STAND-IN", std::max<size_t>(pom.deps, 3) * 2 * k_mib, made, 0644);
    if (builds) {
        std::string ext = pom.packaging == "war" ? ".war" : ".jar";
        std::string name = !pom.final_name.empty() ? pom.final_name : pom.artifact + (pom.version.empty() ? "" : "-" + pom.version);
        uint64_t size = pom.spring_boot ? 18 * k_mib + pom.deps * k_mib : 16 * k_kib + pom.deps * k_kib;
        if (!put_artifact(ctx, pom.spring_boot ? "mvn (a Spring Boot executable jar)" : "mvn",
                          base + "/target/" + name + ext, size, made, 0644))
            return 1;
        (void)mkdir_p(ctx.c, base + "/target/classes", 0755);
    }
    if (!quiet) ctx.out("[INFO] Scanning for projects... (layerlab stand-in: Maven is not run)\n[INFO] BUILD SUCCESS\n");
    std::string g;
    for (const std::string& x : goals) g += " " + x;
    artifact_note(ctx, "mvn" + g, made);
    return 0;
}

// ---- gradle (and ./gradlew)

int p_gradle(Ctx& ctx) {
    const auto& a = ctx.argv;
    std::string dir = ".";
    std::vector<std::string> tasks;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "-x" || s == "--exclude-task" || s == "-P" || s == "-D" || s == "--init-script" || s == "-I") {
            ++i;
        } else if (s == "-p" || s == "--project-dir") {
            dir = i + 1 < a.size() ? a[++i] : dir;
        } else if (s == "-v" || s == "--version") {
            ctx.out("\nGradle " + env_or(ctx, "GRADLE_VERSION", "8.8") + " (layerlab stand-in)\n");
            return 0;
        } else if (s[0] != '-') {
            tasks.push_back(s.substr(s.rfind(':') == std::string::npos ? 0 : s.rfind(':') + 1));
        }
    }
    std::string settings = read_project(ctx, dir + "/settings.gradle") + read_project(ctx, dir + "/settings.gradle.kts");
    std::string build = read_project(ctx, dir + "/build.gradle") + read_project(ctx, dir + "/build.gradle.kts");
    if (settings.empty() && build.empty()) {
        ctx.err("\nFAILURE: Build failed with an exception.\n\n* What went wrong:\nDirectory '" + ctx.path(dir) +
                "' does not contain a Gradle build.\n");
        return 1;
    }
    std::string name = toml_value(settings, "", "rootProject.name");
    if (name.empty()) name = basename_of(ctx.path(dir));
    std::string version = toml_value(build, "", "version");
    const bool boot = build.find("org.springframework.boot") != std::string::npos;
    const size_t deps = count_of(build, "implementation") + count_of(build, "Implementation");
    const std::string jar = name + (version.empty() ? "" : "-" + version);
    std::vector<std::string> made;
    (void)put_artifact(ctx, "gradle", env_or(ctx, "GRADLE_USER_HOME", home_dir(ctx) + "/.gradle") +
                                          "/caches/LAYERLAB-STAND-IN", (deps + 3) * 2 * k_mib, made, 0644);
    const uint64_t plain = 8 * k_kib + deps * k_kib, fat = 18 * k_mib + deps * k_mib;
    for (const std::string& t : tasks) {
        std::string libs = dir + "/build/libs/";
        if (t == "clean") (void)remove_tree(ctx.c, ctx.path(dir + "/build"));
        if (t == "build" || t == "assemble" || t == "bootJar" || t == "jar")
            (void)put_artifact(ctx, "gradle " + t + (boot && t != "jar" ? " (a Spring Boot executable jar)" : ""),
                               libs + jar + ".jar", boot && t != "jar" ? fat : plain, made, 0644);
        if ((t == "build" || t == "assemble") && boot)
            (void)put_artifact(ctx, "gradle " + t, libs + jar + "-plain.jar", plain, made, 0644);
        if (t == "shadowJar") (void)put_artifact(ctx, "gradle shadowJar", libs + jar + "-all.jar", fat, made, 0644);
        if (t == "installDist") {
            std::string inst = dir + "/build/install/" + name;
            (void)put_artifact(ctx, "gradle installDist", inst + "/bin/" + name, 6 * k_kib, made);
            (void)put_artifact(ctx, "gradle installDist", inst + "/lib/" + jar + ".jar", plain, made, 0644);
        }
    }
    ctx.out("\nBUILD SUCCESSFUL (layerlab stand-in: Gradle is not run)\n");
    std::string t;
    for (const std::string& x : tasks) t += " " + x;
    artifact_note(ctx, "gradle" + t, made);
    return 0;
}

// ---- dotnet

int p_dotnet(Ctx& ctx) {
    const auto& a = ctx.argv;
    const std::string sub = a.size() > 1 ? a[1] : "";
    if (sub == "--version" || sub == "--info" || sub == "--list-sdks") {
        ctx.out(env_or(ctx, "DOTNET_SDK_VERSION", env_or(ctx, "DOTNET_VERSION", "8.0.6")) + "\n");
        return 0;
    }
    if (sub == "restore" || sub == "build" || sub == "publish" || sub == "test" || sub == "new" || sub == "tool") {
        if (!ctx.c.exists("/usr/share/dotnet/sdk")) {
            ctx.err("The command could not be loaded, possibly because:\n  * You intended to execute a .NET SDK "
                    "command:\n      No .NET SDKs were found.\n");
            return 145;
        }
    } else {
        // `dotnet help`, `dotnet app.dll`: the .NET host is in the image,
        // its behaviour is not simulated: a labelled stand-in
        ctx.sh.not_found_note("dotnet " + sub, true);
        return 0;
    }
    std::string proj, cfg = sub == "publish" ? "Release" : "Debug", out, rid;
    for (size_t i = 2; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s == "-c" || s == "--configuration") cfg = i + 1 < a.size() ? a[++i] : cfg;
        else if (s == "-o" || s == "--output") out = i + 1 < a.size() ? a[++i] : out;
        else if (s == "-r" || s == "--runtime") rid = i + 1 < a.size() ? a[++i] : rid;
        else if (s == "-a" || s == "--arch") rid = "linux-" + (i + 1 < a.size() ? a[++i] : std::string("x64"));
        else if (s == "-f" || s == "--framework" || s == "-s" || s == "--source" || s == "-v") ++i;
        else if (s[0] != '-' && s.find('=') == std::string::npos) proj = s;
    }
    if (proj.empty() || (ctx.c.stat(ctx.path(proj)).ok() && ctx.c.stat(ctx.path(proj))->type == EntryType::dir)) {
        std::string d = proj.empty() ? "." : proj;
        Result<std::vector<DirEntry>> ls = ctx.c.list(ctx.path(d));
        std::string found;
        if (ls)
            for (const DirEntry& e : *ls)
                for (const char* ext : {".csproj", ".fsproj", ".vbproj", ".sln"})
                    if (e.name.size() > std::string_view(ext).size() &&
                        e.name.substr(e.name.size() - std::string_view(ext).size()) == ext && found.empty())
                        found = d + "/" + e.name;
        if (found.empty()) {
            ctx.err("MSBUILD : error MSB1003: Specify a project or solution file. The current working directory does "
                    "not contain a project or solution file.\n");
            return 1;
        }
        proj = found;
    }
    const std::string xml = read_project(ctx, proj);
    std::string stem = basename_of(proj);
    stem = stem.substr(0, stem.rfind('.'));
    std::string name = xml_tag(xml, "AssemblyName");
    if (name.empty()) name = stem;
    std::string tfm = xml_tag(xml, "TargetFramework");
    if (tfm.empty()) tfm = "net8.0";
    const size_t refs = count_of(xml, "<PackageReference");
    const std::string pdir = dirname_of(ctx.path(proj));
    std::vector<std::string> made;
    if (sub != "test" && sub != "new" && sub != "tool" &&
        std::find(a.begin(), a.end(), "--no-restore") == a.end()) {
        (void)put_artifact(ctx, "dotnet restore", pdir + "/obj/project.assets.json", 40 * k_kib + refs * 20 * k_kib, made, 0644);
        if (refs)
            (void)put_artifact(ctx, "dotnet restore", home_dir(ctx) + "/.nuget/packages/LAYERLAB-STAND-IN",
                               refs * 3 * k_mib, made, 0644);
    }
    if (sub == "build" || sub == "publish") {
        std::string dir = !out.empty() ? ctx.path(out)
                                       : pdir + "/bin/" + cfg + "/" + tfm + (rid.empty() ? "" : "/" + rid) +
                                             (sub == "publish" ? "/publish" : "");
        (void)put_artifact(ctx, "dotnet " + sub, dir + "/" + name + ".dll", 20 * k_kib + refs * 4 * k_kib, made, 0644);
        (void)put_artifact(ctx, "dotnet " + sub, dir + "/" + name, 72 * k_kib, made);
        (void)put_artifact(ctx, "dotnet " + sub, dir + "/" + name + ".deps.json", 2 * k_kib + refs * k_kib, made, 0644);
        (void)put_artifact(ctx, "dotnet " + sub, dir + "/" + name + ".runtimeconfig.json", 400, made, 0644);
        (void)put_artifact(ctx, "dotnet " + sub, dir + "/" + name + ".pdb", 12 * k_kib, made, 0644);
    }
    ctx.out("  " + name + " -> (layerlab stand-in: MSBuild is not run)\n");
    artifact_note(ctx, "dotnet " + sub, made);
    return 0;
}


// ---- javac, cc/gcc/g++, make

int p_javac(Ctx& ctx) {
    std::string dest;
    std::vector<std::string> srcs, made;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& s = ctx.argv[i];
        if (s == "-d") dest = i + 1 < ctx.argv.size() ? ctx.argv[++i] : "";
        else if (s == "-cp" || s == "-classpath" || s == "--release" || s == "-source" || s == "-target" ||
                 s == "-encoding" || s == "-sourcepath" || s == "--module-path" || s == "-p")
            ++i;
        else if (s.size() > 5 && s.substr(s.size() - 5) == ".java")
            srcs.push_back(s);
    }
    if (srcs.empty()) {
        ctx.err("error: no source files\n");
        return 2;
    }
    for (const std::string& src : srcs) {
        std::string cls = src.substr(0, src.size() - 5) + ".class";
        if (!dest.empty()) cls = dest + "/" + basename_of(cls);
        if (!ctx.c.exists(ctx.path(src))) {
            ctx.err("error: file not found: " + src + "\n");
            return 2;
        }
        if (!put_artifact(ctx, "javac", cls, 1200, made, 0644)) return 1;
    }
    artifact_note(ctx, "javac", made);
    return 0;
}

// jar x[v]f / t[v]f of a placeholder jar (a build tool's stand-in): the
// layout the real jar has, each file a labelled placeholder: META-INF/MANIFEST.MF,
// and for a Spring Boot executable jar BOOT-INF/classes, BOOT-INF/lib and
// the loader (what `jar -xf app.jar` unpacks for a layered image).
int jar_read(Ctx& ctx, const std::string& mode, const std::string& file) {
    Container& c = ctx.c;
    Result<BlobId> b = c.read(ctx.path(file));
    if (!b) {
        ctx.err("java.io.FileNotFoundException: " + file + " (No such file or directory)\n");
        return 1;
    }
    BlobStore& blobs = c.store().blobs;
    if (!standin::is_placeholder(blobs, *b)) {
        ctx.err("jar: layerlab reads only its own placeholder jars (" + file + " is not one: zip is not simulated)\n");
        return 1;
    }
    char head[256];
    const std::string_view hv(head, blobs.read(*b, 0, sizeof head, head));
    const bool boot = hv.find("Spring Boot") != std::string_view::npos;
    std::vector<std::string> members = {"META-INF/", "META-INF/MANIFEST.MF"};
    if (boot)
        for (const char* m : {"org/springframework/boot/loader/", "org/springframework/boot/loader/LAYERLAB-STAND-IN",
                              "BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/LAYERLAB-STAND-IN", "BOOT-INF/lib/",
                              "BOOT-INF/lib/LAYERLAB-STAND-IN.jar", "BOOT-INF/classpath.idx", "BOOT-INF/layers.idx"})
            members.emplace_back(m);
    else
        members.emplace_back("LAYERLAB-STAND-IN.class");
    std::string out;
    for (const std::string& m : members) {
        if (mode.find('t') != std::string::npos) {
            out += m + "\n";
            continue;
        }
        const std::string p = ctx.path(m);
        if (m.back() == '/') {
            (void)mkdir_p(c, p, 0755);
        } else {
            (void)mkdir_p(c, dirname_of(p), 0755);
            (void)c.write(p, blobs.bytes(standin::archive_member_text(file + "!/" + m)), WriteMode::truncate, 0644);
        }
        if (mode.find('v') != std::string::npos) out += (m.back() == '/' ? "  created: " : " inflated: ") + m + "\n";
    }
    ctx.out(out);
    ctx.sh.note("stand-in: jar -" + mode + " " + file + ": the jar is a layerlab placeholder, so " +
                (mode.find('t') != std::string::npos ? "its listing" : "what it unpacked") + " is the layout of " +
                (boot ? "a Spring Boot executable jar" : "a jar") + " with labelled placeholder files, not its real contents");
    return 0;
}

// java -Djarmode=layertools -jar APP.jar extract [--destination D], and
// java -Djarmode=tools -jar APP.jar extract [--layers] [--launcher] [--destination D]:
// Spring Boot's layered-jar extraction, of a placeholder jar: the four layer
// directories (dependencies, spring-boot-loader, snapshot-dependencies,
// application) each with a labelled placeholder. Any other java command line
// runs as a stand-in (layerlab runs no JVM), said so.
int p_java(Ctx& ctx) {
    const auto& a = ctx.argv;
    std::string mode, jar, dest;
    bool extract = false, layers = false;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s.rfind("-Djarmode=", 0) == 0) mode = s.substr(10);
        else if (s == "-jar" && i + 1 < a.size()) jar = a[++i];
        else if (s == "extract" && !jar.empty()) extract = true;
        else if (s == "--destination" && i + 1 < a.size()) dest = a[++i];
        else if (s.rfind("--destination=", 0) == 0) dest = s.substr(14);
        else if (s == "--layers") layers = true;
    }
    if (mode.empty() || !extract) {
        ctx.sh.note("stand-in: java " + (jar.empty() ? std::string() : "-jar " + jar + " ") +
                    "ran as a stand-in: layerlab runs no JVM, so the program's output and effects are not known");
        return 0;
    }
    Result<BlobId> b = ctx.c.read(ctx.path(jar));
    if (!b) {
        ctx.err("Error: Unable to access jarfile " + jar + "\n");
        return 1;
    }
    BlobStore& blobs = ctx.c.store().blobs;
    if (!standin::is_placeholder(blobs, *b)) {
        ctx.err("java: layerlab reads only its own placeholder jars (" + jar + " is not one: zip is not simulated)\n");
        return 1;
    }
    // layertools: the current directory; tools: a directory named after the jar
    if (dest.empty()) dest = mode == "tools" ? basename_of(jar).substr(0, basename_of(jar).rfind(".jar")) : ".";
    const std::string root = ctx.path(dest);
    const bool split = mode == "layertools" || layers;
    const std::vector<std::pair<const char*, const char*>> files = {
        {"dependencies/", "BOOT-INF/lib/LAYERLAB-STAND-IN.jar"},
        {"spring-boot-loader/", "org/springframework/boot/loader/launch/LAYERLAB-STAND-IN.class"},
        {"snapshot-dependencies/", ""},
        {"application/", "BOOT-INF/classes/LAYERLAB-STAND-IN.class"},
        {"application/", "META-INF/MANIFEST.MF"}};
    if (!split) {
        // tools extract without --layers: the application's jar and lib/ beside it
        (void)mkdir_p(ctx.c, root + "/lib", 0755);
        (void)ctx.c.write(root + "/" + basename_of(jar), *b, WriteMode::truncate, 0644);
        (void)ctx.c.write(root + "/lib/LAYERLAB-STAND-IN.jar",
                          blobs.bytes(standin::archive_member_text(jar + "!/BOOT-INF/lib/")), WriteMode::truncate, 0644);
    }
    for (const auto& [layer, file] : split ? files : decltype(files){}) {
        const std::string dir = root + "/" + layer;
        (void)mkdir_p(ctx.c, dir, 0755);
        if (!*file) continue;
        const std::string p = dir + file;
        (void)mkdir_p(ctx.c, dirname_of(p), 0755);
        (void)ctx.c.write(p, blobs.bytes(standin::archive_member_text(jar + "!/" + file)), WriteMode::truncate, 0644);
    }
    ctx.sh.note("stand-in: java -Djarmode=" + mode + " extract of " + jar + ": the jar is a layerlab placeholder, so " +
                (split ? "its layers (dependencies, spring-boot-loader, snapshot-dependencies, application)" : "its files") +
                " hold labelled placeholders in " + root + ", not its real contents");
    return 0;
}

// jar c[v]f[e|m] FILE ... : an archive placeholder; x and t read a placeholder jar (jar_read).
int p_jar(Ctx& ctx) {
    const auto& a = ctx.argv;
    std::string mode = a.size() > 1 ? a[1] : "";
    if (!mode.empty() && mode[0] == '-') mode = mode.substr(1);
    if ((mode.find('x') != std::string::npos || mode.find('t') != std::string::npos) &&
        mode.find('f') != std::string::npos && a.size() >= 3)
        return jar_read(ctx, mode, a[2]);
    if (mode.find('c') == std::string::npos || mode.find('f') == std::string::npos || a.size() < 3) {
        ctx.err("jar: layerlab simulates jar c...f FILE (creating an archive) and x/t...f FILE of its own placeholder jars\n");
        return 1;
    }
    std::vector<std::string> made;
    if (!put_artifact(ctx, "jar", a[2], 4 * k_kib + 2 * k_kib * (a.size() - 3), made, 0644)) return 1;
    artifact_note(ctx, "jar", made);
    return 0;
}

int p_cc(Ctx& ctx) {
    std::string out;
    bool compile_only = false;
    std::vector<std::string> srcs, made;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& s = ctx.argv[i];
        if (s == "-o") out = i + 1 < ctx.argv.size() ? ctx.argv[++i] : "";
        else if (s == "-c") compile_only = true;
        else if (s == "--version" || s == "-v") {
            ctx.out(ctx.name() + " (layerlab stand-in) 12.2.0\n");
            return 0;
        } else if (s == "-I" || s == "-L" || s == "-l" || s == "-D" || s == "-include" || s == "-x" || s == "-MF")
            ++i;
        else if (s[0] != '-')
            srcs.push_back(s);
    }
    if (srcs.empty()) {
        ctx.err(ctx.name() + ": fatal error: no input files\ncompilation terminated.\n");
        return 1;
    }
    for (const std::string& src : srcs)
        if (!ctx.c.exists(ctx.path(src))) {
            ctx.err(ctx.name() + ": error: " + src + ": No such file or directory\n");
            return 1;
        }
    if (compile_only && out.empty()) {
        for (const std::string& src : srcs)
            if (!put_artifact(ctx, ctx.name(), basename_of(src.substr(0, src.rfind('.'))) + ".o", 4 * k_kib, made, 0644))
                return 1;
    } else if (!put_artifact(ctx, ctx.name(), out.empty() ? "a.out" : out, 16 * k_kib * srcs.size(), made,
                             compile_only ? 0644 : 0755)) {
        return 1;
    }
    artifact_note(ctx, ctx.name(), made);
    return 0;
}

// `name = value` of a make variable in a Makefile's text ("" if none).
std::string make_var(const std::string& text, const std::string& name) {
    for (const std::string& line : split_char(text, '\n')) {
        size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string k = line.substr(0, eq);
        while (!k.empty() && (k.back() == ' ' || k.back() == ':')) k.pop_back();
        if (k != name) continue;
        size_t v = line.find_first_not_of(' ', eq + 1);
        return v == std::string::npos ? std::string() : line.substr(v);
    }
    return {};
}

// make over a stand-in source tree (core/standin.h): per target, the
// project's build output in the tree or its install under the prefix
// (PREFIX=/prefix= on the command line, else the configure stand-in's
// Makefile, else /usr/local), DESTDIR honoured; all labelled placeholders.
int make_stand_in_tree(Ctx& ctx, const std::string& tree, const std::string& dir, const std::string& makefile,
                       const std::vector<std::string>& targets, const std::vector<std::string>& vars) {
    standin::SourceProject proj = standin::source_project(ctx.c, tree);
    if (proj.version.empty() && !proj.name.empty()) {
        // php.tar.xz: the official images keep the version in NAME_VERSION (PHP_VERSION)
        std::string var;
        for (char ch : proj.name) var += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (const std::string* v = ctx.getenv(var + "_VERSION")) proj.version = *v;
    }
    // the configure stand-in's Makefile: "# ./configure --prefix=... --with-x=shared" on its second line
    if (size_t nl = makefile.find("\n# "); nl != std::string::npos) {
        std::vector<std::string> words = split_char(makefile.substr(nl + 3, makefile.find('\n', nl + 3) - nl - 3), ' ');
        for (size_t i = 1; i < words.size(); ++i)
            if (!words[i].empty()) proj.configure_args.push_back(words[i]);
    }
    std::string prefix = make_var(makefile, "prefix"), ssldir = make_var(makefile, "openssldir"), destdir;
    for (const std::string& v : vars) {
        size_t eq = v.find('=');
        const std::string k = v.substr(0, eq), val = v.substr(eq + 1);
        if (k == "PREFIX" || k == "prefix") prefix = val;
        if (k == "DESTDIR") destdir = val;
    }
    if (prefix.empty()) prefix = "/usr/local";
    std::string tool = "make";
    for (const std::string& t : targets) tool += " " + t;
    tool += " in " + dir +
                             " (a stand-in source tree for " + (proj.archive.empty() ? tree : proj.archive) + ")";
    std::vector<std::string> made;
    for (const std::string& t : targets.empty() ? std::vector<std::string>{""} : targets) {
        for (const standin::SourceOutput& o : standin::make_outputs(proj, t, prefix, ssldir)) {
            std::string p = o.path[0] == '/' ? destdir + o.path : dir + "/" + o.path;
            if (p.back() == '/') {
                (void)mkdir_p(ctx.c, ctx.path(p), o.mode);
            } else if (!o.link.empty()) {
                (void)mkdir_p(ctx.c, dirname_of(ctx.path(p)), 0755);
                (void)ctx.c.unlink(ctx.path(p));
                if (ctx.c.symlink(o.link, ctx.path(p))) made.push_back(ctx.path(p) + " -> " + o.link);
            } else if (!put_artifact(ctx, "make " + t, p, o.size, made, o.mode)) {
                return 2;
            }
        }
    }
    if (made.empty()) {
        ctx.sh.note("stand-in: " + tool + ": layerlab runs no compiler and does not know what this target of " +
                    (proj.name.empty() ? std::string("the project") : proj.name) + " writes, so nothing was written");
        return 0;
    }
    artifact_note(ctx, tool, made);
    return 0;
}

int p_make(Ctx& ctx) {
    std::string dir = ".", file;
    std::vector<std::string> targets, vars;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& s = ctx.argv[i];
        if (s == "-C" && i + 1 < ctx.argv.size()) dir = ctx.argv[++i];
        else if ((s == "-f" || s == "--file") && i + 1 < ctx.argv.size()) file = ctx.argv[++i];
        else if ((s == "-j" || s == "-l") && i + 1 < ctx.argv.size() && std::isdigit(static_cast<unsigned char>(ctx.argv[i + 1][0]))) ++i;
        else if (s.empty() || s[0] == '-') continue;
        else if (s.find('=') != std::string::npos) vars.push_back(s);
        else targets.push_back(s);
    }
    std::string found = !file.empty() && ctx.c.exists(ctx.path(dir + "/" + file)) ? dir + "/" + file : "";
    for (const char* m : {"GNUmakefile", "makefile", "Makefile"})
        if (file.empty() && found.empty() && ctx.c.exists(ctx.path(dir + "/" + m))) found = dir + "/" + m;
    const std::string tree = standin::stand_in_tree_of(ctx.c, ctx.path(dir) + "/Makefile");
    std::string text = found.empty() ? std::string() : read_project(ctx, found);
    if (!tree.empty() && (found.empty() || text.rfind("# layerlab stand-in", 0) == 0))
        return make_stand_in_tree(ctx, tree, normalize_path(ctx.path(dir)), text, targets, vars);
    if (found.empty()) {
        ctx.err("make: *** No targets specified and no makefile found.  Stop.\n");
        return 2;
    }
    ctx.sh.note("stand-in: make in " + ctx.path(dir) +
                ": layerlab does not run Makefiles (their compilers), so nothing was built or installed");
    return 0;
}

// ---- npm run, yarn, pnpm, corepack

// Where a build script writes, from the tool its command names.
std::string build_output_dir(const std::string& script, const nlohmann::json& pkg) {
    if (script.find("next build") != std::string::npos) return ".next";
    if (script.find("react-scripts build") != std::string::npos || script.find("svelte-kit") != std::string::npos ||
        script.find("remix build") != std::string::npos)
        return "build";
    if (script.find("nuxt") != std::string::npos) return ".output";
    if (script.find("ng build") != std::string::npos && pkg.contains("name") && pkg["name"].is_string())
        return "dist/" + pkg["name"].get<std::string>();
    return "dist";  // vite, vue-cli-service, webpack, tsc, astro, parcel, rollup
}

}  // namespace

int npm_run_script(Ctx& ctx, const std::string& tool, const std::string& script_name) {
    const std::string pj_path = ctx.path("package.json");
    const std::string text = read_project(ctx, pj_path);
    const nlohmann::json pkg = nlohmann::json::parse(text, nullptr, false);
    std::string script;
    if (pkg.is_object() && pkg.contains("scripts") && pkg["scripts"].is_object() && pkg["scripts"].contains(script_name) &&
        pkg["scripts"][script_name].is_string())
        script = pkg["scripts"][script_name].get<std::string>();
    if (script.empty()) {
        if (tool == "npm")
            ctx.err("npm ERR! Missing script: \"" + script_name + "\"\nnpm ERR! \nnpm ERR! To see a list of scripts, "
                    "run:\nnpm ERR!   npm run\n");
        else
            ctx.err("error Command \"" + script_name + "\" not found.\n");
        return 1;
    }
    std::string name = pkg.contains("name") && pkg["name"].is_string() ? pkg["name"].get<std::string>() : "";
    std::string version = pkg.contains("version") && pkg["version"].is_string() ? pkg["version"].get<std::string>() : "";
    ctx.out("\n> " + name + (version.empty() ? "" : "@" + version) + " " + script_name + "\n> " + script + "\n\n");
    std::vector<std::string> made;
    if (script_name != "build" && script.find("build") == std::string::npos) {
        ctx.sh.note("stand-in: " + tool + " run " + script_name + ": layerlab does not run package.json scripts (" +
                    script + ")");
        return 0;
    }
    size_t deps = pkg.contains("dependencies") && pkg["dependencies"].is_object() ? pkg["dependencies"].size() : 0;
    std::string out = build_output_dir(script, pkg);
    uint64_t js = 150 * k_kib + deps * 40 * k_kib;
    if (out == ".next") {
        (void)put_artifact(ctx, tool + " run build", ".next/standalone/server.js", 8 * k_kib, made, 0644);
        (void)put_artifact(ctx, tool + " run build", ".next/standalone/node_modules/LAYERLAB-STAND-IN", 20 * k_mib, made, 0644);
        (void)put_artifact(ctx, tool + " run build", ".next/static/chunks/main.js", js, made, 0644);
        (void)put_artifact(ctx, tool + " run build", ".next/BUILD_ID", 21, made, 0644);
    } else if (out == "dist" && script.find("tsc") != std::string::npos && script.find("vite") == std::string::npos) {
        (void)put_artifact(ctx, tool + " run build", "dist/index.js", 20 * k_kib, made, 0644);
    } else {
        (void)put_artifact(ctx, tool + " run build", out + "/index.html", 2 * k_kib, made, 0644);
        (void)put_artifact(ctx, tool + " run build", out + "/assets/index.js", js, made, 0644);
    }
    artifact_note(ctx, tool + " run " + script_name + " (" + script + ")", made);
    return 0;
}

namespace {

// yarn (classic) and pnpm: installs go through layerlab's npm; scripts through npm_run_script.
int p_yarn(Ctx& ctx) {
    const std::string tool = basename_of(ctx.name()) == "pnpm" ? "pnpm" : basename_of(ctx.name()) == "bun" ? "bun" : "yarn";
    std::vector<std::string> args(ctx.argv.begin() + 1, ctx.argv.end());
    std::vector<std::string> words;
    bool global = false, prod = false;
    for (const std::string& s : args) {
        if (s == "--version" || s == "-v") {
            ctx.out(tool == "pnpm" ? "9.4.0\n" : tool == "bun" ? env_or(ctx, "BUN_VERSION", "1.1.38") + "\n" : "1.22.19\n");
            return 0;
        }
        if (s == "--production" || s == "--prod" || s == "-P") prod = true;
        if (s[0] != '-') words.push_back(s);
    }
    if (!words.empty() && words[0] == "global") {
        global = true;
        words.erase(words.begin());
    }
    const std::string sub = words.empty() ? "install" : words[0];
    const ProgramDef* npm = find_program("npm");
    auto npm_with = [&](std::vector<std::string> argv) {
        argv.insert(argv.begin(), "npm");
        if (global) argv.push_back("-g");
        if (prod) argv.push_back("--omit=dev");
        Ctx sub_ctx{ctx.sh, ctx.c, std::move(argv), ctx.fds, ctx.env};
        int st = npm->fn(sub_ctx);
        ctx.sh.note("stand-in: " + tool + " " + sub + " ran as npm install over layerlab's npm data (" + tool +
                    "'s own lockfile and cache are not modelled)");
        return st;
    };
    if (sub == "install" || sub == "i" || sub == "fetch") return npm_with({"install"});
    if (sub == "add") return npm_with({"install", words.size() > 1 ? words[1] : ""});
    if (sub == "remove") return npm_with({"uninstall", words.size() > 1 ? words[1] : ""});
    if (sub == "cache" || sub == "config" || sub == "store") return 0;
    if (sub == "run" || sub == "run-script") return npm_run_script(ctx, tool, words.size() > 1 ? words[1] : "");
    return npm_run_script(ctx, tool, sub);  // `yarn build`: a script name
}

// corepack enable [pnpm|yarn]: shims next to corepack itself.
int p_corepack(Ctx& ctx) {
    const auto& a = ctx.argv;
    const std::string sub = a.size() > 1 ? a[1] : "";
    if (sub == "--version") {
        ctx.out("0.28.1\n");
        return 0;
    }
    if (sub == "prepare" || sub == "install" || sub == "use") {
        ctx.sh.note("stand-in: corepack " + sub + ": layerlab has no network, so the package manager was not "
                    "downloaded; layerlab's yarn and pnpm stand in for it");
        return 0;
    }
    if (sub != "enable") return 0;  // disable, pack: nothing that shows in a layer here
    std::vector<std::string> names;
    for (size_t i = 2; i < a.size(); ++i)
        if (a[i][0] != '-') names.push_back(a[i]);
    if (names.empty()) names = {"pnpm", "yarn"};
    const std::string* path = ctx.getenv("PATH");
    std::string dir = "/usr/local/bin";
    for (const std::string& d : split_char(path ? *path : "", ':'))
        if (!d.empty() && ctx.c.exists(d + "/corepack")) {
            dir = d;
            break;
        }
    for (const std::string& n : names) {
        std::vector<std::string> shims{n};
        shims.push_back(n == "pnpm" ? "pnpx" : "yarnpkg");
        for (const std::string& sh : shims) {
            std::string link = dir + "/" + sh;
            if (ctx.c.lstat(link)) (void)ctx.c.unlink(link);
            std::string target = "../lib/node_modules/corepack/dist/" + sh + ".js";
            std::string abs = normalize_path(dir + "/" + target);
            if (!ctx.c.exists(abs)) {
                (void)mkdir_p(ctx.c, dirname_of(abs), 0755);
                (void)ctx.c.write_text(abs, "#!/usr/bin/env node\n// layerlab stand-in for corepack's " + sh + " shim\n");
                (void)ctx.c.chmod(abs, 0755);
            }
            (void)ctx.c.symlink(target, link);
        }
    }
    return 0;
}

}  // namespace

std::vector<ProgramDef> php_programs();  // cmd_php.cpp: docker-php-source, docker-php-ext-*, pecl

std::vector<ProgramDef> toolchain_programs() {
    std::vector<ProgramDef> php = php_programs();
    std::vector<ProgramDef> all = {{"c++", p_cc},       {"cargo", p_cargo},   {"cc", p_cc},         {"clang", p_cc},   {"corepack", p_corepack},
            {"dotnet", p_dotnet}, {"g++", p_cc},       {"gcc", p_cc},        {"go", p_go},      {"gradle", p_gradle},
            {"gradlew", p_gradle}, {"bun", p_yarn}, {"jar", p_jar}, {"java", p_java}, {"rustup-init", p_rustup_init}, {"javac", p_javac}, {"make", p_make},     {"mvn", p_mvn},    {"mvnw", p_mvn},
            {"pnpm", p_yarn},    {"yarn", p_yarn},     {"yarnpkg", p_yarn}};
    all.insert(all.end(), php.begin(), php.end());
    return all;
}

namespace {

}  // namespace

}  // namespace ll::shell
