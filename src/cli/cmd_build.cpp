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
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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
    "                      [--assets DIR] CONTEXT\n";

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
    "  --assets DIR            package catalogs and base images (default: the source tree's assets/)\n\n"
    "Built-in bases: scratch, debian:bookworm-slim, busybox, python:3.11-slim, node:20-bookworm-slim.\n"
    "Exit status: 0 built, 1 the build failed (the message names file:line:column), 2 wrong usage.\n";

// The context directory as a BuildContext: what the docker CLI sends.
std::optional<std::string> read_context(const fs::path& root, Store& store, build::BuildContext& ctx) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    if (ec) return "cannot read the context directory " + root.string() + ": " + ec.message();
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return "cannot read " + it->path().string() + ": " + ec.message();
        const fs::path& p = it->path();
        std::string rel = p.lexically_relative(root).generic_string();  // never resolve symlinks
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) return "cannot stat " + p.string();
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

std::string json_escape(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string json_list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + json_escape(v[i]);
    return out + "]";
}

// "steps":[...] of --json: every planned step with its state, also when the build stopped.
void write_json_steps(std::ostream& out, const build::Builder& b) {
    out << "\"steps\":[";
    for (size_t i = 0; i < b.steps().size(); ++i) {
        const build::Step& s = b.steps()[i];
        out << (i ? "," : "") << "{\"index\":" << i << ",\"stage\":" << s.stage
            << ",\"kind\":" << json_escape(dockerfile::kind_name(s.kind)) << ",\"title\":" << json_escape(s.title)
            << ",\"state\":" << json_escape(build::step_state_name(s.state)) << ",\"line\":" << s.span.begin_line
            << ",\"created_by\":" << json_escape(s.created_by)
            << ",\"empty_layer\":" << (s.empty_layer ? "true" : "false")
            << ",\"layer_size\":" << (s.layer ? s.layer->size() : 0) << ",\"cache_note\":" << json_escape(s.cache_note)
            << ",\"narration\":" << json_escape(s.narration) << ",\"rule\":" << json_escape(s.rule)
            << ",\"notes\":" << json_list(s.notes) << ",\"output\":" << json_escape(s.output);
        if (s.error) out << ",\"error\":" << json_escape(s.error->describe());
        out << "}";
    }
    out << "]";
}

// --json when the build stops: the steps so far (states say how far it got) and the error.
void write_json_failure(std::ostream& out, build::Flavor flavor, const build::Builder* b, const std::string& error) {
    out << "{\"flavor\":" << json_escape(build::flavor_name(flavor)) << ",";
    if (b) {
        write_json_steps(out, *b);
    } else {
        out << "\"steps\":[]";
    }
    out << ",\"error\":" << json_escape(error) << "}\n";
}

std::string pad(std::string s, size_t w) {
    if (s.size() > w) return s.substr(0, w - 3) + "...";
    s.resize(w, ' ');
    return s;
}

}  // namespace

int cmd_build(const Args& args, std::ostream& out, std::ostream& err) {
    std::string dockerfile_path, target, oci_out, assets_dir = LAYERLAB_ASSETS_DIR, context_dir;
    std::vector<std::pair<std::string, std::string>> build_args, images;
    bool no_cache = false, json = false;
    build::Flavor flavor = build::Flavor::buildkit;
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
            return 0;
        } else if (a == "-f" || flag_is("--file")) {
            if (!value(dockerfile_path)) break;
        } else if (flag_is("--target")) {
            if (!value(target)) break;
        } else if (flag_is("--build-arg")) {
            if (!value(v)) break;
            size_t eq = v.find('=');
            if (eq == std::string::npos) {
                // docker: --build-arg NAME takes the value from the environment
                const char* env = std::getenv(v.c_str());
                if (!env) continue;
                build_args.emplace_back(v, env);
            } else {
                build_args.emplace_back(v.substr(0, eq), v.substr(eq + 1));
            }
        } else if (flag_is("--image")) {
            if (!value(v)) break;
            auto nd = parse_image_flag(v);
            if (!nd) {
                err << "layerlab build: --image takes NAME=OCI_DIR, got '" << v << "'\n" << k_usage;
                return 2;
            }
            images.push_back(std::move(*nd));
        } else if (a == "--no-cache") {
            no_cache = true;
        } else if (a == "--json") {
            json = true;
        } else if (flag_is("--oci-out")) {
            if (!value(oci_out)) break;
        } else if (flag_is("--assets")) {
            if (!value(assets_dir)) break;
        } else if (flag_is("--flavor")) {
            if (!value(v)) break;
            std::optional<build::Flavor> f = build::flavor_from_name(v);
            if (!f) {
                err << "layerlab build: unknown flavor '" << v << "' (buildkit, buildah or classic)\n";
                return 2;
            }
            flavor = *f;
        } else if (!a.empty() && a[0] == '-') {
            err << "layerlab build: unknown option '" << a << "'\n" << k_usage;
            return 2;
        } else if (context_dir.empty()) {
            context_dir = std::string(a);
        } else {
            err << "layerlab build: only one CONTEXT directory, got '" << context_dir << "' and '" << a << "'\n";
            return 2;
        }
    }
    if (context_dir.empty()) {
        err << "layerlab build: missing CONTEXT directory\n" << k_usage;
        return 2;
    }
    if (!fs::is_directory(context_dir)) {
        err << "layerlab build: " << context_dir << " is not a directory\n";
        return 1;
    }
    if (dockerfile_path.empty()) dockerfile_path = (fs::path(context_dir) / "Dockerfile").string();
    std::ostream& log = json ? err : out;

    // --- Dockerfile --------------------------------------------------------
    std::string text;
    if (!read_file(dockerfile_path, text)) {
        err << "ERROR: failed to read dockerfile: open " << dockerfile_path << ": no such file or directory\n";
        return 1;
    }
    std::string shown_name = fs::path(dockerfile_path).filename().string();
    Result<dockerfile::Dockerfile> df = dockerfile::parse(text, shown_name);
    if (!df) {
        err << df.error().describe() << "\n";
        if (json) write_json_failure(out, flavor, nullptr, df.error().describe());
        return 1;
    }
    for (const dockerfile::Warning& w : df->warnings)
        log << "WARN: " << w.rule << ": " << w.message << " (" << w.where.str() << ")\n";

    // --- context, catalogs, images -------------------------------------------
    Store store;
    build::BuildContext ctx;
    if (auto e = read_context(context_dir, store, ctx)) {
        err << "ERROR: " << *e << "\n";
        return 1;
    }
    // Only parse the big catalogs when the Dockerfile could need them.
    bool needs_apt = false;
    for (const dockerfile::Instruction& ins : df->instructions)
        if (ins.kind == dockerfile::Kind::From || ins.kind == dockerfile::Kind::Run) needs_apt = true;
    Assets assets;
    assets.load(assets_dir, needs_apt);
    for (const std::string& w : assets.warnings) err << "WARN: " << w << "\n";
    if (!assets.available)
        log << "WARN: no catalogs found (assets dir '" << assets_dir
            << "'); built-in bases and package managers are unavailable (use --assets DIR)\n";
    build::BuiltinImages bases(store, assets.apt ? &*assets.apt : nullptr);
    for (const fs::path& p : assets.image_catalogs()) {
        std::string bytes;
        if (!read_file(p, bytes)) continue;
        Result<std::string> r = bases.add_catalog_image(bytes, p.filename().string());
        if (!r) log << "WARN: " << r.error().describe() << "\n";
    }
    for (const auto& [name, dir] : images) {
        Result<ImportedImage> im = load_image(dir, store);
        if (!im) {
            err << "ERROR: --image " << name << "=" << dir << ": " << im.error().describe() << "\n";
            return 1;
        }
        bases.add_image(name, std::move(im->image));
    }

    // --- build ---------------------------------------------------------------
    build::Options opt;
    opt.target = target;
    opt.build_args = build_args;
    opt.no_cache = no_cache;
    opt.flavor = flavor;
    opt.catalogs = &assets.catalogs;
    build::BuildCache cache;  // per process: a later build in the same session reuses it
    build::Builder b(store, std::move(*df), std::move(ctx), opt, bases, &cache);
    if (b.failed()) {
        err << b.error()->describe() << "\n";
        if (json) write_json_failure(out, flavor, &b, b.error()->describe());
        return 1;
    }
    size_t shown = 0;
    auto print_step = [&](size_t i) {
        const build::Step& s = b.steps()[i];
        std::string n = "#" + std::to_string(i + 1) + " ";
        log << n << s.title << "\n";
        if (s.state == build::StepState::skipped) {
            log << n << "SKIPPED (" << s.cache_note << ")\n";
            return;
        }
        if (s.state == build::StepState::cached) {
            log << n << "CACHED\n";
            return;
        }
        std::istringstream lines(s.output);
        for (std::string line; std::getline(lines, line);) log << n << line << "\n";
        if (s.state == build::StepState::failed) {
            log << n << "ERROR: " << s.error->message << "\n";
            return;
        }
        if (!s.narration.empty()) log << n << "-- " << s.narration << "\n";
        for (const std::string& note : s.notes) log << n << "-- note: " << note << "\n";
        log << n << "DONE\n";
    };
    while (!b.finished()) {
        Result<size_t> r = b.step();
        // print everything up to the step that ran (skipped stages included)
        size_t upto = r ? *r : b.next_step();
        if (!r) {
            for (size_t k = 0; k < b.steps().size(); ++k)
                if (b.steps()[k].state == build::StepState::failed) upto = k;
        }
        for (; shown <= upto && shown < b.steps().size(); ++shown) print_step(shown);
        if (!r) {
            err << r.error().describe() << "\n";
            if (json) write_json_failure(out, flavor, &b, r.error().describe());
            return 1;
        }
    }
    for (; shown < b.steps().size(); ++shown) print_step(shown);
    for (const std::string& w : b.warnings()) log << "WARN: " << w << "\n";

    const Image& img = b.result();
    // --- history table (newest first, like docker history) ------------------
    std::vector<uint64_t> sizes(img.history.size(), 0);
    {
        size_t li = 0;
        for (size_t h = 0; h < img.history.size(); ++h)
            if (!img.history[h].empty_layer && li < img.layer_count()) sizes[h] = img.layers()[li++]->size();
    }
    if (!json) {
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

    // --- OCI layout --------------------------------------------------------
    std::string image_id;
    if (!oci_out.empty()) {
        ExportOptions eo;
        eo.ref_name = "latest";
        eo.author = b.author();
        ExportedImage ex = export_oci_layout(img, store, eo);
        if (auto e = write_tree(oci_out, ex.files)) {
            err << "ERROR: " << *e << "\n";
            return 1;
        }
        image_id = ex.image_id.str();
        log << "wrote OCI image layout to " << oci_out << " (" << image_id << ", ref latest)\n";
    }

    if (json) {
        out << "{\"flavor\":" << json_escape(build::flavor_name(flavor)) << ",";
        write_json_steps(out, b);
        out << ",\"image\":{\"layers\":" << img.layer_count() << ",\"size\":" << img.size()
            << ",\"env\":" << json_list(img.config.env) << ",\"working_dir\":" << json_escape(img.config.working_dir)
            << ",\"user\":" << json_escape(img.config.user);
        if (img.config.cmd) out << ",\"cmd\":" << json_list(*img.config.cmd);
        if (img.config.entrypoint) out << ",\"entrypoint\":" << json_list(*img.config.entrypoint);
        out << ",\"history\":[";
        for (size_t k = 0; k < img.history.size(); ++k)
            out << (k ? "," : "") << "{\"created_by\":" << json_escape(img.history[k].created_by)
                << ",\"empty_layer\":" << (img.history[k].empty_layer ? "true" : "false") << ",\"size\":" << sizes[k]
                << "}";
        out << "]";
        if (!image_id.empty()) out << ",\"id\":" << json_escape(image_id);
        out << "},\"warnings\":" << json_list(b.warnings()) << "}\n";
    }
    return 0;
}

}  // namespace ll::cli
