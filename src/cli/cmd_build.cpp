// cmd_build.cpp: `layerlab build`, a docker build over the simulated core.
//
//   layerlab build [-f DOCKERFILE] [--target STAGE] [--build-arg K=V]...
//                  [--image NAME=OCI_DIR]... [--no-cache] [--oci-out DIR]
//                  [--json] [--flavor buildkit|buildah|classic]
//                  [--assets DIR] CONTEXT
//
// Reads the context directory from disk (regular files, directories and
// symlinks with their modes and mtimes), the Dockerfile (default
// CONTEXT/Dockerfile), the package catalogs (assets/catalog/, found through
// LAYERLAB_ASSETS_DIR or --assets) and any --image OCI layouts; builds step
// by step printing BuildKit-style progress ("#3 [2/4] RUN ...", "#3
// CACHED"), then a `docker history`-like table, and writes an OCI image
// layout with --oci-out (the manifest annotated with
// org.opencontainers.image.ref.name=latest, so `umoci unpack --image DIR:latest`
// finds it). All I/O happens here; the core only sees bytes.
//
// In this file, in order:
//   step_json ...      --json, written with nlohmann-json: a step, a stopped
//                      build (failure_json), print_json
//   parse_build_args   the command line -> BuildArgs
//   read_context       the context directory -> BuildContext
//   parse_dockerfile   the Dockerfile (its warnings printed)
//   load_inputs        context, catalogs, --image layouts
//   run_build          step by step; each step's lines are flushed as soon as
//                      it ends, so a pipe (CI logs, `| tee`) sees progress live
//   print_history      the `docker history` table
//   build_json         --json of a finished build (steps, image, warnings)
//   write_oci          --oci-out
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/build/bases.h"
#include "core/build/builder.h"
#include "core/catalog/catalog.h"
#include "core/dockerfile/parser.h"
#include "core/oci.h"
#include "core/shell/shell.h"

namespace fs = std::filesystem;

namespace ll::cli {

namespace {

constexpr std::string_view k_usage =
    "usage: layerlab build [-f DOCKERFILE] [--target STAGE] [--build-arg K=V]... [--image NAME=OCI_DIR]...\n"
    "                      [--no-cache] [--oci-out DIR] [--json] [--flavor buildkit|buildah|classic]\n"
    "                      [--strict] [--assets DIR] CONTEXT\n";

constexpr std::string_view k_help =
    "\nBuilds CONTEXT/Dockerfile the way docker build with BuildKit does, on the simulated\n"
    "file system: one layer per RUN/COPY/ADD that changes something, the build cache,\n"
    "stages. Prints progress per step (CACHED where the cache hit) and a history table.\n\n"
    "  -f, --file DOCKERFILE   the Dockerfile (default CONTEXT/Dockerfile)\n"
    "  --target STAGE          build up to this stage; it becomes the image\n"
    "  --build-arg K=V         set an ARG (repeatable)\n"
    "  --image NAME=OCI_DIR    FROM NAME uses this OCI layout (before the built-in bases)\n"
    "  --no-cache              run every step, use no cache\n"
    "  --oci-out DIR           write the image as an OCI layout (ref name \"latest\")\n"
    "  --json                  machine-readable steps, layers and config (when the build stops:\n"
    "                          the steps with their states and \"error\", exit status 1)\n"
    "  --flavor F              buildkit (default), buildah or classic: where they differ\n"
    "  --strict                an image layerlab does not have is an error (default: a labelled\n"
    "                          stand-in base takes its place, and the step's note says so)\n"
    "  --assets DIR            package catalogs and base images (default: the source tree's assets/)\n\n"
    "Built-in bases: scratch, debian:bookworm-slim, busybox, python:3.11-slim, node:20-bookworm-slim.\n"
    "Any other tag of these repositories is shown with the nearest variant (the step's note says which).\n"
    "Exit status: 0 built, 1 the build failed (the message names file:line:column), 2 wrong usage.\n";

using ojson = nlohmann::ordered_json;

// ---------------------------------------------------------------- --json

ojson step_json(const build::Step& s, size_t i) {
    ojson o;
    o["index"] = i;
    o["stage"] = s.stage;
    o["kind"] = dockerfile::kind_name(s.kind);
    o["title"] = s.title;
    o["state"] = build::step_state_name(s.state);
    o["line"] = s.span.begin_line;
    o["created_by"] = s.created_by;
    o["empty_layer"] = s.empty_layer;
    o["layer_size"] = s.layer ? s.layer->size() : 0;
    o["cache_note"] = s.cache_note;
    o["narration"] = s.narration;
    o["rule"] = s.rule;
    o["notes"] = s.notes;
    o["output"] = s.output;
    if (s.error) o["error"] = s.error->describe();
    return o;
}

// Every planned step with its state (also when the build stopped).
ojson steps_json(const build::Builder* b) {
    ojson steps = ojson::array();
    if (b)
        for (size_t i = 0; i < b->steps().size(); ++i) steps.push_back(step_json(b->steps()[i], i));
    return steps;
}

// --json when the build stops: the steps so far (their states say how far it got) and the error.
ojson failure_json(build::Flavor flavor, const build::Builder* b, const std::string& error) {
    ojson j;
    j["flavor"] = build::flavor_name(flavor);
    j["steps"] = steps_json(b);
    j["error"] = error;
    return j;
}

// One line; invalid UTF-8 (a file name, a program's output) becomes U+FFFD.
void print_json(const ojson& j, std::ostream& out) {
    out << j.dump(-1, ' ', false, ojson::error_handler_t::replace) << "\n";
    out.flush();
}

// ---------------------------------------------------------------- the command line

struct BuildArgs {
    std::string dockerfile_path, target, oci_out, assets_dir = LAYERLAB_ASSETS_DIR, context_dir;
    std::vector<std::pair<std::string, std::string>> build_args, images;
    bool no_cache = false, json = false, help = false, strict = false;
    build::Flavor flavor = build::Flavor::buildkit;
};

// nullopt: the exit status is in *status (help printed, or a usage error).
std::optional<BuildArgs> parse_build_args(const Args& args, std::ostream& out, std::ostream& err, int* status) {
    BuildArgs b;
    *status = 2;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        auto value = [&](std::string& dst) {
            size_t eq = a.find('=');
            if (a.rfind("--", 0) == 0 && eq != std::string_view::npos) {
                dst = std::string(a.substr(eq + 1));
                return true;
            }
            if (i + 1 >= args.size()) return false;
            dst = std::string(args[++i]);
            return true;
        };
        auto flag_is = [&](std::string_view name) {
            return a == name || (a.rfind(std::string(name) + "=", 0) == 0 && name.rfind("--", 0) == 0);
        };
        std::string v;
        if (a == "-h" || a == "--help") {
            out << k_usage << k_help;
            *status = 0;
            return std::nullopt;
        } else if (a == "-f" || flag_is("--file")) {
            if (!value(b.dockerfile_path)) break;
        } else if (flag_is("--target")) {
            if (!value(b.target)) break;
        } else if (flag_is("--build-arg")) {
            if (!value(v)) break;
            size_t eq = v.find('=');
            if (eq == std::string::npos) {
                // docker: --build-arg NAME takes the value from the environment
                const char* env = std::getenv(v.c_str());
                if (!env) continue;
                b.build_args.emplace_back(v, env);
            } else {
                b.build_args.emplace_back(v.substr(0, eq), v.substr(eq + 1));
            }
        } else if (flag_is("--image")) {
            if (!value(v)) break;
            auto nd = parse_image_flag(v);
            if (!nd) {
                err << "layerlab build: --image takes NAME=OCI_DIR, got '" << v << "'\n" << k_usage;
                return std::nullopt;
            }
            b.images.push_back(std::move(*nd));
        } else if (a == "--no-cache") {
            b.no_cache = true;
        } else if (a == "--json") {
            b.json = true;
        } else if (a == "--strict") {
            b.strict = true;
        } else if (flag_is("--oci-out")) {
            if (!value(b.oci_out)) break;
        } else if (flag_is("--assets")) {
            if (!value(b.assets_dir)) break;
        } else if (flag_is("--flavor")) {
            if (!value(v)) break;
            std::optional<build::Flavor> f = build::flavor_from_name(v);
            if (!f) {
                err << "layerlab build: unknown flavor '" << v << "' (buildkit, buildah or classic)\n";
                return std::nullopt;
            }
            b.flavor = *f;
        } else if (!a.empty() && a[0] == '-') {
            err << "layerlab build: unknown option '" << a << "'\n" << k_usage;
            return std::nullopt;
        } else if (b.context_dir.empty()) {
            b.context_dir = std::string(a);
        } else {
            err << "layerlab build: only one CONTEXT directory, got '" << b.context_dir << "' and '" << a << "'\n";
            return std::nullopt;
        }
    }
    if (b.context_dir.empty()) {
        err << "layerlab build: missing CONTEXT directory\n" << k_usage;
        return std::nullopt;
    }
    if (!fs::is_directory(b.context_dir)) {
        err << "layerlab build: " << b.context_dir << " is not a directory\n";
        *status = 1;
        return std::nullopt;
    }
    if (b.dockerfile_path.empty()) b.dockerfile_path = (fs::path(b.context_dir) / "Dockerfile").string();
    return b;
}

// ---------------------------------------------------------------- inputs

// The context's .dockerignore rules ("" when it has none). A .dockerignore
// that cannot be parsed excludes nothing here; the builder reports it.
build::IgnoreRules read_ignore_rules(const fs::path& root) {
    std::string text;
    struct stat st {};
    fs::path f = root / ".dockerignore";
    if (::stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) && !read_file(f, text)) text.clear();
    Result<build::IgnoreRules> r = build::IgnoreRules::parse(text);
    return r ? std::move(*r) : build::IgnoreRules{};
}

// The context directory as a BuildContext: what the docker CLI sends. What
// .dockerignore excludes is never read (the CLI walks the context with the
// same patterns): an excluded file is skipped before its contents are
// opened, an excluded directory is not even walked unless an exception
// ("!pattern") could re-include something below it, as fsutil does.
// .dockerignore itself is always sent (the builder reads the rules from it).
std::optional<std::string> read_context(const fs::path& root, Store& store, build::BuildContext& ctx) {
    const build::IgnoreRules rules = read_ignore_rules(root);
    const bool walk_excluded_dirs = rules.has_exceptions();
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec) return "cannot read the context directory " + root.string() + ": " + ec.message();
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return "cannot read " + it->path().string() + ": " + ec.message();
        const fs::path& p = it->path();
        std::string rel = p.lexically_relative(root).generic_string();  // never resolve symlinks
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) return "cannot stat " + p.string();
        if (!rules.empty() && rel != ".dockerignore" && rules.excluded(rel)) {
            if (S_ISDIR(st.st_mode) && !walk_excluded_dirs) it.disable_recursion_pending();
            continue;
        }
        uint32_t mode = static_cast<uint32_t>(st.st_mode) & 07777;
        int64_t mtime = static_cast<int64_t>(st.st_mtime);
        if (S_ISDIR(st.st_mode)) {
            ctx.add_dir(rel, mode, mtime);
        } else if (S_ISLNK(st.st_mode)) {
            ctx.add_symlink(rel, fs::read_symlink(p, ec).string(), mtime);
        } else if (S_ISREG(st.st_mode)) {
            std::string bytes;
            if (!read_file(p, bytes)) return "cannot read " + p.string();
            ctx.add_file(rel, store.blobs.bytes(std::move(bytes)), mode, mtime);
        }
        // sockets, fifos, devices: docker build skips them too
    }
    return std::nullopt;
}

// Everything the build reads: the parsed Dockerfile, the context, the
// catalogs and the images FROM may name.
struct BuildInputs {
    Store store;
    std::optional<dockerfile::Dockerfile> df;
    build::BuildContext ctx;
    Assets assets{store};
};

// The Dockerfile, parsed; nullopt: the error is printed (as JSON too with --json).
std::optional<dockerfile::Dockerfile> parse_dockerfile(const BuildArgs& a, std::ostream& out, std::ostream& log,
                                                       std::ostream& err) {
    std::string text;
    if (!read_file(a.dockerfile_path, text)) {
        err << "ERROR: failed to read dockerfile: open " << a.dockerfile_path << ": no such file or directory\n";
        return std::nullopt;
    }
    Result<dockerfile::Dockerfile> df = dockerfile::parse(text, fs::path(a.dockerfile_path).filename().string());
    if (!df) {
        err << df.error().describe() << "\n";
        if (a.json) print_json(failure_json(a.flavor, nullptr, df.error().describe()), out);
        return std::nullopt;
    }
    for (const dockerfile::Warning& w : df->warnings)
        log << "WARN: " << w.rule << ": " << w.message << " (" << w.where.str() << ")\n";
    return std::move(*df);
}

// false: the error is printed.
bool load_inputs(const BuildArgs& a, BuildInputs& in, std::ostream& log, std::ostream& err) {
    if (auto e = read_context(a.context_dir, in.store, in.ctx)) {
        err << "ERROR: " << *e << "\n";
        return false;
    }
    in.assets.load(a.assets_dir);  // package catalogs are parsed when a step needs them
    for (const std::string& w : in.assets.warnings) err << "WARN: " << w << "\n";
    if (!in.assets.available)
        log << "WARN: no catalogs found (assets dir '" << a.assets_dir
            << "'); built-in bases and package managers are unavailable (use --assets DIR)\n";
    for (const auto& [name, dir] : a.images) {
        Result<ImportedImage> im = load_image(dir, in.store);
        if (!im) {
            err << "ERROR: --image " << name << "=" << dir << ": " << im.error().describe() << "\n";
            return false;
        }
        in.assets.set.images().add_image(name, std::move(im->image));
    }
    return true;
}

// ---------------------------------------------------------------- progress

// One step's lines, BuildKit-style: "#3 [2/4] RUN ...", its output, CACHED
// or DONE. Flushed at once: when stdout is a pipe it is fully buffered, and
// a long build would otherwise print nothing until it ends.
void print_step(const build::Builder& b, size_t i, std::ostream& log) {
    const build::Step& s = b.steps()[i];
    std::string n = "#" + std::to_string(i + 1) + " ";
    log << n << s.title << "\n";
    if (s.state == build::StepState::skipped) {
        log << n << "SKIPPED (" << s.cache_note << ")\n";
    } else if (s.state == build::StepState::cached) {
        log << n << "CACHED\n";
    } else {
        std::istringstream lines(s.output);
        for (std::string line; std::getline(lines, line);) log << n << line << "\n";
        if (s.state != build::StepState::failed && !s.narration.empty()) log << n << "-- " << s.narration << "\n";
        for (const std::string& note : s.notes) log << n << "-- note: " << note << "\n";
        if (s.state == build::StepState::failed)
            log << n << "ERROR: " << s.error->message << "\n";
        else
            log << n << "DONE\n";
    }
    log.flush();
}

// Runs the build, printing each step as it ends (skipped stages included).
// false: the build failed (the error is printed).
bool run_build(build::Builder& b, const BuildArgs& a, std::ostream& out, std::ostream& log, std::ostream& err) {
    size_t shown = 0;
    while (!b.finished()) {
        Result<size_t> r = b.step();
        size_t upto = r ? *r : b.next_step();
        if (!r) {
            for (size_t k = 0; k < b.steps().size(); ++k)
                if (b.steps()[k].state == build::StepState::failed) upto = k;
        }
        for (; shown <= upto && shown < b.steps().size(); ++shown) print_step(b, shown, log);
        if (!r) {
            err << r.error().describe() << "\n";
            if (a.json) print_json(failure_json(a.flavor, &b, r.error().describe()), out);
            return false;
        }
    }
    for (; shown < b.steps().size(); ++shown) print_step(b, shown, log);
    for (const std::string& w : b.warnings()) log << "WARN: " << w << "\n";
    log.flush();
    return true;
}

// ---------------------------------------------------------------- results

// Each history entry's layer size (0 for empty_layer entries).
std::vector<uint64_t> history_sizes(const Image& img) {
    std::vector<uint64_t> sizes(img.history.size(), 0);
    size_t li = 0;
    for (size_t h = 0; h < img.history.size(); ++h)
        if (!img.history[h].empty_layer && li < img.layer_count()) sizes[h] = img.layers()[li++]->size();
    return sizes;
}

std::string pad(std::string s, size_t w) {
    if (s.size() > w) return s.substr(0, w - 3) + "...";
    s.resize(w, ' ');
    return s;
}

// `docker history`: newest first.
void print_history(const Image& img, std::ostream& out) {
    std::vector<uint64_t> sizes = history_sizes(img);
    out << "\n" << pad("CREATED BY", 62) << "  " << pad("SIZE", 10) << "  COMMENT\n";
    for (size_t k = img.history.size(); k-- > 0;) {
        const HistoryEntry& h = img.history[k];
        std::string by = h.created_by;
        for (char& c : by)
            if (c == '\n' || c == '\t') c = ' ';
        out << pad(by, 62) << "  " << pad(h.empty_layer ? format_bytes(0) : format_bytes(sizes[k]), 10) << "  "
            << h.comment << "\n";
    }
    out << "image: " << img.layer_count() << " layers, " << format_bytes(img.size()) << "\n";
}

// --json: the steps, the image (config and history) and the warnings.
ojson build_json(const build::Builder& b, build::Flavor flavor, const std::string& image_id) {
    const Image& img = b.result();
    ojson j;
    j["flavor"] = build::flavor_name(flavor);
    j["steps"] = steps_json(&b);
    ojson im;
    im["layers"] = img.layer_count();
    im["size"] = img.size();
    im["env"] = std::vector<std::string>(img.config.env.begin(), img.config.env.end());
    im["working_dir"] = img.config.working_dir;
    im["user"] = img.config.user;
    if (img.config.cmd) im["cmd"] = *img.config.cmd;
    if (img.config.entrypoint) im["entrypoint"] = *img.config.entrypoint;
    std::vector<uint64_t> sizes = history_sizes(img);
    ojson hist = ojson::array();
    for (size_t k = 0; k < img.history.size(); ++k)
        hist.push_back({{"created_by", img.history[k].created_by},
                        {"empty_layer", img.history[k].empty_layer},
                        {"size", sizes[k]}});
    im["history"] = std::move(hist);
    if (!image_id.empty()) im["id"] = image_id;
    j["image"] = std::move(im);
    j["warnings"] = b.warnings();
    return j;
}

// --oci-out: the image as an OCI layout; its ID, or "" (the error is printed).
std::optional<std::string> write_oci(const build::Builder& b, const std::string& dir, std::ostream& log,
                                     std::ostream& err, Store& store) {
    ExportOptions eo;
    eo.ref_name = "latest";
    eo.author = b.author();
    ExportedImage ex = export_oci_layout(b.result(), store, eo);
    if (auto e = write_tree(dir, ex.files)) {
        err << "ERROR: " << *e << "\n";
        return std::nullopt;
    }
    std::string id = ex.image_id.str();
    log << "wrote OCI image layout to " << dir << " (" << id << ", ref latest)\n";
    return id;
}

}  // namespace

int cmd_build(const Args& args, std::ostream& out, std::ostream& err) {
    int status = 0;
    std::optional<BuildArgs> a = parse_build_args(args, out, err, &status);
    if (!a) return status;
    std::ostream& log = a->json ? err : out;  // --json: stdout holds only the JSON
    BuildInputs in;
    in.df = parse_dockerfile(*a, out, log, err);
    if (!in.df || !load_inputs(*a, in, log, err)) return 1;

    build::Options opt;
    opt.target = a->target;
    opt.build_args = a->build_args;
    opt.no_cache = a->no_cache;
    opt.flavor = a->flavor;
    opt.strict_images = a->strict;
    opt.catalogs = &in.assets.set.shell();
    build::BuildCache cache;  // per process: a later build in the same session reuses it
    build::Builder b(in.store, std::move(*in.df), std::move(in.ctx), opt, in.assets.set.images(), &cache);
    if (b.failed()) {
        err << b.error()->describe() << "\n";
        if (a->json) print_json(failure_json(a->flavor, &b, b.error()->describe()), out);
        return 1;
    }
    const bool built = run_build(b, *a, out, log, err);
    // a package catalog is parsed when a step first needs it: a broken one is found then
    for (const std::string& w : in.assets.late_warnings()) err << "WARN: " << w << "\n";
    if (!built) return 1;
    if (!a->json) print_history(b.result(), out);

    std::string image_id;
    if (!a->oci_out.empty()) {
        std::optional<std::string> id = write_oci(b, a->oci_out, log, err, in.store);
        if (!id) return 1;
        image_id = *id;
    }
    if (a->json) print_json(build_json(b, a->flavor, image_id), out);
    out.flush();
    return 0;
}

}  // namespace ll::cli
