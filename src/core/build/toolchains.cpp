// toolchains.cpp: the toolchain layer of a stand-in base (toolchains.h).
// The paths and Env are those of the official images' Dockerfiles
// (docker-library golang, maven, gradle, rust, eclipse-temurin, gcc;
// dotnet/dotnet-docker sdk), read from their repositories.
#include "core/build/toolchains.h"

#include <cctype>
#include <vector>

#include "core/layer.h"
#include "core/standin.h"

namespace ll::build {

namespace {

struct ToolFile {
    const char* path;
    char type;           // 'x' program placeholder, 'l' symlink, 'd' directory
    uint64_t size;       // 'x'
    const char* target;  // 'l'
    const char* when = "";  // "bin": only when the tag starts with the word; "!bin": only when it does not
};

struct Toolchain {
    std::vector<const char*> repos;  // repository names (ImageRef::repository())
    const char* what;                // "go", "Maven and a JDK", ...
    const char* version_var;         // the Env variable that carries the tag's version ("" none)
    const char* default_version;
    std::vector<const char*> env;    // "K=V"; "PATH=/x:$PATH" prepends
    const char* workdir;             // "" keeps the base's
    std::vector<ToolFile> files;
};

const std::vector<ToolFile> k_jdk = {
    {"/opt/java/openjdk/bin", 'd', 0, ""},
    {"/opt/java/openjdk/bin/java", 'x', 12712, ""},
    {"/opt/java/openjdk/bin/javac", 'x', 12760, ""},
    {"/opt/java/openjdk/bin/jar", 'x', 12752, ""},
    {"/opt/java/openjdk/lib/modules", 'x', uint64_t(130) << 20, ""},
};

// the rust image's programs (docker-library rust), also in lukemathwalker/cargo-chef
const std::vector<ToolFile> k_rust = {
    {"/usr/local/cargo/bin", 'd', 0, ""},
    {"/usr/local/cargo/bin/rustup", 'x', 16700000, ""},
    {"/usr/local/cargo/bin/cargo", 'x', 16700000, ""},
    {"/usr/local/cargo/bin/rustc", 'x', 16700000, ""},
    {"/usr/bin/cc", 'x', 1300000, ""},
    {"/usr/bin/gcc", 'l', 0, "cc"},
};
const std::vector<const char*> k_rust_env = {"RUSTUP_HOME=/usr/local/rustup", "CARGO_HOME=/usr/local/cargo",
                                             "PATH=/usr/local/cargo/bin:$PATH"};

std::vector<ToolFile> with(std::vector<ToolFile> files, const std::vector<ToolFile>& more) {
    files.insert(files.end(), more.begin(), more.end());
    return files;
}
std::vector<ToolFile> with_jdk(std::vector<ToolFile> files) { return with(std::move(files), k_jdk); }

const std::vector<Toolchain>& toolchains() {
    static const std::vector<Toolchain> t = {
        {{"golang"},
         "go",
         "GOLANG_VERSION",
         "1.22.5",
         {"GOTOOLCHAIN=local", "GOPATH=/go", "PATH=/go/bin:/usr/local/go/bin:$PATH"},
         "/go",
         {{"/usr/local/go/bin", 'd', 0, ""},
          {"/usr/local/go/bin/go", 'x', 14200000, ""},
          {"/usr/local/go/bin/gofmt", 'x', 3200000, ""},
          {"/go/bin", 'd', 0, ""},
          {"/go/src", 'd', 0, ""}}},
        {{"rust"}, "cargo and rustc", "RUST_VERSION", "1.79.0", k_rust_env, "", k_rust},
        {{"maven"},
         "Maven and a JDK",
         "MAVEN_VERSION",
         "3.9.8",
         {"JAVA_HOME=/opt/java/openjdk", "MAVEN_HOME=/usr/share/maven", "MAVEN_CONFIG=/root/.m2",
          "PATH=/opt/java/openjdk/bin:$PATH"},
         "",
         with_jdk({{"/usr/share/maven/bin", 'd', 0, ""},
                   {"/usr/share/maven/bin/mvn", 'x', 5810, ""},
                   {"/usr/bin/mvn", 'l', 0, "/usr/share/maven/bin/mvn"}})},
        {{"gradle"},
         "Gradle and a JDK",
         "GRADLE_VERSION",
         "8.8",
         {"JAVA_HOME=/opt/java/openjdk", "GRADLE_HOME=/opt/gradle", "PATH=/opt/java/openjdk/bin:$PATH"},
         "/home/gradle",
         with_jdk({{"/opt/gradle/bin", 'd', 0, ""},
                   {"/opt/gradle/bin/gradle", 'x', 8700, ""},
                   {"/usr/bin/gradle", 'l', 0, "/opt/gradle/bin/gradle"}})},
        {{"eclipse-temurin", "openjdk", "amazoncorretto", "sapmachine", "ibm-semeru-runtimes", "ibmjava"},
         "a JDK",
         "JAVA_VERSION",
         "21",
         {"JAVA_HOME=/opt/java/openjdk", "PATH=/opt/java/openjdk/bin:$PATH"},
         "",
         k_jdk},
        {{"mcr.microsoft.com/dotnet/sdk"},
         "the .NET SDK",
         "DOTNET_VERSION",
         "8.0.6",
         {"DOTNET_RUNNING_IN_CONTAINER=true", "DOTNET_USE_POLLING_FILE_WATCHER=true", "NUGET_XMLDOC_MODE=skip"},
         "",
         {{"/usr/share/dotnet/dotnet", 'x', 72000, ""},
          {"/usr/share/dotnet/sdk", 'd', 0, ""},
          {"/usr/share/dotnet/sdk/dotnet.dll", 'x', uint64_t(150) << 20, ""},
          {"/usr/bin/dotnet", 'l', 0, "/usr/share/dotnet/dotnet"}}},
        {{"mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime"},
         "the .NET runtime",
         "DOTNET_VERSION",
         "8.0.6",
         {"DOTNET_RUNNING_IN_CONTAINER=true", "APP_UID=1654"},
         "",
         {{"/usr/share/dotnet/dotnet", 'x', 72000, ""},
          {"/usr/share/dotnet/shared", 'd', 0, ""},
          {"/usr/bin/dotnet", 'l', 0, "/usr/share/dotnet/dotnet"}}},
        // denoland/deno (denoland/deno_docker): bin-VERSION is FROM scratch with
        // /deno only; the distro tags copy it to /usr/bin/deno
        {{"denoland/deno"},
         "deno",
         "DENO_VERSION",
         "2.1.4",
         {},
         "",
         {{"/deno", 'x', uint64_t(95) << 20, "", "bin"},
          {"/usr/bin/deno", 'x', uint64_t(95) << 20, "", "!bin"}}},
        // oven/bun (oven-sh/bun's dockerhub Dockerfile): bun and its bunx link
        {{"oven/bun"},
         "bun",
         "BUN_VERSION",
         "1.1.38",
         {"BUN_RUNTIME_TRANSPILER_CACHE_PATH=0", "BUN_INSTALL_BIN=/usr/local/bin"},
         "/home/bun/app",
         {{"/usr/local/bin/bun", 'x', uint64_t(90) << 20, ""},
          {"/usr/local/bin/bunx", 'l', 0, "bun"}}},
        // lukemathwalker/cargo-chef: the rust image plus cargo-chef
        {{"lukemathwalker/cargo-chef"},
         "cargo, rustc and cargo-chef",
         "RUST_VERSION",
         "1.80.1",
         k_rust_env,
         "",
         with(k_rust, {{"/usr/local/cargo/bin/cargo-chef", 'x', 9500000, ""}})},
        // ghcr.io/astral-sh/uv (astral-sh/uv's Dockerfile): the uv and uvx
        // binaries (the bare image at /, the distro tags in /usr/local/bin)
        {{"ghcr.io/astral-sh/uv"},
         "uv",
         "",
         "",
         {},
         "",
         {{"/uv", 'x', 35000000, "", "=version"},
          {"/uvx", 'x', 330000, "", "=version"},
          {"/usr/local/bin/uv", 'x', 35000000, "", "!=version"},
          {"/usr/local/bin/uvx", 'x', 330000, "", "!=version"}}},
        {{"gcc"},
         "gcc and make",
         "GCC_VERSION",
         "14.1.0",
         {},
         "",
         {{"/usr/local/bin/gcc", 'x', 1300000, ""},
          {"/usr/local/bin/g++", 'x', 1300000, ""},
          {"/usr/local/bin/cc", 'l', 0, "gcc"},
          {"/usr/bin/make", 'x', 260000, ""}}},
    };
    return t;
}

// "1.22-alpine" -> "1.22"; "" when the tag does not start with a version.
std::string tag_version(const std::string& tag) {
    size_t n = 0;
    while (n < tag.size() && (std::isdigit(static_cast<unsigned char>(tag[n])) || tag[n] == '.')) ++n;
    return n && std::isdigit(static_cast<unsigned char>(tag[0])) ? tag.substr(0, n) : std::string();
}

// Sets K=V in the config's Env ("PATH=/x:$PATH" prepends to the current PATH).
void set_env(ImageConfig& cfg, const std::string& kv) {
    size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    for (size_t i = 0; i < cfg.env.size(); ++i)
        if (const std::string& e = cfg.env[i]; e.rfind(k + "=", 0) == 0) {
            if (size_t d = v.find("$" + k); d != std::string::npos) v.replace(d, k.size() + 1, e.substr(eq + 1));
            cfg.env.mut(i) = k + "=" + v;
            return;
        }
    if (size_t d = v.find("$" + k); d != std::string::npos)
        v.replace(d, k.size() + 1, k_default_path);
    cfg.env.push_back(k + "=" + v);
}

// ToolFile::when: "" always; "w" when the tag starts with w; "=version" when
// the tag is a bare version or latest (ghcr.io/astral-sh/uv:0.9.26, not
// :0.9.26-python3.12-bookworm-slim); "!..." the opposite.
bool tag_has(const std::string& tag, std::string_view when) {
    if (when.empty()) return true;
    const bool negate = when[0] == '!';
    if (negate) when.remove_prefix(1);
    const bool yes = when == "=version"
                         ? tag == "latest" || tag.find_first_not_of("0123456789.") == std::string::npos
                         : tag.rfind(when, 0) == 0;
    return yes != negate;
}

}  // namespace

std::string add_toolchain_layer(Store& store, Image& img, const ImageRef& ref) {
    const std::string repo = ref.repository();
    const Toolchain* tc = nullptr;
    for (const Toolchain& t : toolchains())
        for (const char* r : t.repos)
            if (repo == r) tc = &t;
    if (!tc) return {};
    const std::string tag = ref.tag_or_latest();
    const bool jre_only = repo != "maven" && repo != "gradle" && tag.find("jre") != std::string::npos;
    LayerBuilder b(store.paths);
    auto mkdirs = [&](std::string p) {
        for (size_t s = p.find('/', 1); s != std::string::npos; s = p.find('/', s + 1)) {
            Entry d;
            d.path = store.paths.intern(p.substr(0, s));
            d.type = EntryType::dir;
            d.mode = 0755;
            b.put(d);
        }
    };
    for (const ToolFile& f : tc->files) {
        if (jre_only && std::string_view(f.path).find("javac") != std::string_view::npos) continue;
        if (!tag_has(tag, f.when)) continue;
        mkdirs(f.path);
        Entry e;
        e.path = store.paths.intern(f.path);
        if (f.type == 'd') {
            e.type = EntryType::dir;
            e.mode = std::string_view(f.path).rfind("/go/", 0) == 0 ? 01777 : 0755;
        } else if (f.type == 'l') {
            e.type = EntryType::symlink;
            e.mode = 0777;
            e.target = f.target;
        } else {
            e.type = EntryType::file;
            e.mode = 0755;
            e.blob = standin::artifact(store.blobs, std::string("the ") + tc->what + " of " + repo, f.path, f.size);
        }
        b.put(e);
    }
    img.push_layer(b.freeze(store.blobs), store.paths);
    std::string version = tag_version(tag);
    if (*tc->version_var) set_env(img.config, std::string(tc->version_var) + "=" + (version.empty() ? tc->default_version : version));
    for (const char* kv : tc->env) set_env(img.config, kv);
    if (*tc->workdir) img.config.working_dir = tc->workdir;
    HistoryEntry h;
    h.created_by = std::string("layerlab stand-in: the ") + tc->what + " of " + repo + " (placeholder programs)";
    h.comment = "layerlab stand-in for " + ref.familiar() + ": not the real image's layer";
    img.history.push_back(h);
    std::string progs;
    for (const ToolFile& f : tc->files)
        if (f.type == 'x' && tag_has(tag, f.when) && std::string_view(f.path).find("/lib/") == std::string_view::npos &&
            std::string_view(f.path).find("dotnet.dll") == std::string_view::npos)
            progs += std::string(progs.empty() ? "" : ", ") + f.path;
    return std::string(" The stand-in also has ") + tc->what + " as " + repo + " has it (" + progs +
           ": placeholders; their build commands write labelled stand-in artifacts).";
}

}  // namespace ll::build
