// cmd_run.cpp: `layerlab run`, a docker run over the simulated core.
//
//   layerlab run [--image NAME=OCI_DIR]... [--assets DIR] IMAGE
//                (--script FILE | -- COMMAND...) [--diff] [--commit-oci DIR]
//
// Starts a container from IMAGE (a name given with --image, an OCI layout
// directory or image tar, or a built-in base of the assets' catalogs), with
// an empty writable layer over the image's layers, and runs the script (as
// `/bin/sh -c "$(cat FILE)"`) or the command with the simulated busybox
// shell: cwd is the image's WorkingDir (created if missing, as dockerd
// does) or /, user its User, environment its Env plus HOSTNAME and HOME.
//
// Prints the command's stdout to stdout and its stderr to stderr, so stdout
// is the command's output alone; layerlab's sections go to stderr after it:
// "== exit status N"; with --diff, "== docker diff" and the `docker diff`
// lines of the container (A/C/D, sorted by path, moby's overlay2 rules).
// With --commit-oci DIR, writes an OCI image layout of the image plus one
// layer made from the writable layer (docker commit: whiteouts as .wh.
// entries, an opaque directory as .wh..wh..opq), its manifest annotated
// org.opencontainers.image.ref.name=latest.
//
// Exit code: the command's exit status, like `docker run`, and docker's
// codes for everything else (docker/cli's runStartContainerErr): 125 for
// layerlab's own errors (wrong usage, an image that cannot be loaded, a
// commit that cannot be written), 127 when the command cannot be found (an
// image without /bin/sh, a working directory that cannot be made for a
// missing path), 126 when it cannot be invoked (permission denied). A
// syntax error in the script is the shell's status 2, reported as
// FILE:LINE:COL; a script's own 125-127 look the same as these.
#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/build/bases.h"
#include "core/container.h"
#include "core/oci.h"
#include "core/shell/shell.h"
#include "core/shell/start.h"

namespace fs = std::filesystem;

namespace ll::cli {

namespace {

constexpr int k_own_error = 125;  // docker run's code for its own errors

constexpr std::string_view k_usage =
    "usage: layerlab run [--image NAME=OCI_DIR]... [--assets DIR] IMAGE (--script FILE | -- COMMAND...)\n"
    "                    [--diff] [--commit-oci DIR]\n"
    "\n"
    "  IMAGE              a NAME given with --image, an OCI layout directory (or image tar),\n"
    "                     or a built-in base image of the assets' catalogs\n"
    "  --script FILE      run FILE's text with the simulated sh (like sh -c \"$(cat FILE)\")\n"
    "  -- COMMAND...      run COMMAND with its arguments (like docker run IMAGE COMMAND...)\n"
    "  --diff             print the container's `docker diff` (A/C/D lines, sorted by path)\n"
    "  --commit-oci DIR   write IMAGE plus the container's writable layer as an OCI layout\n"
    "  --assets DIR       where catalog/ is (package data for apt-get, apk, pip, npm)\n"
    "\n"
    "Prints the command's output (stdout is the command's alone), then \"== exit status N\"\n"
    "and the other == sections on stderr; exits with N, or as docker run does: 125 for\n"
    "layerlab's own errors (usage, image, commit), 127 command not found, 126 not invocable.\n";

std::string shell_quote(std::string_view w) {
    bool plain = !w.empty();
    for (char ch : w) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || ch == '/' || ch == '.' || ch == '_' || ch == '-' || ch == '=' || ch == ':' ||
              ch == ',' || ch == '+' || ch == '@' || ch == '%'))
            plain = false;
    }
    if (plain) return std::string(w);
    std::string out = "'";
    for (char ch : w) {
        if (ch == '\'')
            out += "'\\''";
        else
            out += ch;
    }
    return out + "'";
}

}  // namespace

int cmd_run(const Args& args, std::ostream& out, std::ostream& err) {
    std::string image_ref, script_path, commit_dir, assets_dir = LAYERLAB_ASSETS_DIR;
    std::vector<std::pair<std::string, std::string>> images;
    std::vector<std::string> command;
    bool have_command = false, want_diff = false;
    auto usage_error = [&](const std::string& msg) {
        err << "layerlab run: " << msg << "\n" << k_usage;
        return k_own_error;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        auto value = [&](std::string& dst, std::string_view name) -> bool {
            if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
                dst = std::string(a.substr(name.size() + 1));
                return true;
            }
            if (i + 1 >= args.size()) return false;
            dst = std::string(args[++i]);
            return true;
        };
        auto is = [&](std::string_view name) {
            return a == name ||
                   (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=');
        };
        std::string v;
        if (a == "-h" || a == "--help") {
            out << k_usage;
            return 0;
        } else if (a == "--") {
            have_command = true;
            for (size_t k = i + 1; k < args.size(); ++k) command.emplace_back(args[k]);
            break;
        } else if (is("--image")) {
            if (!value(v, "--image")) return usage_error("--image needs NAME=OCI_DIR");
            auto nd = parse_image_flag(v);
            if (!nd) return usage_error("--image takes NAME=OCI_DIR, got '" + v + "'");
            images.push_back(std::move(*nd));
        } else if (is("--script")) {
            if (!value(script_path, "--script")) return usage_error("--script needs a FILE");
        } else if (a == "--diff") {
            want_diff = true;
        } else if (is("--commit-oci")) {
            if (!value(commit_dir, "--commit-oci")) return usage_error("--commit-oci needs a DIR");
        } else if (is("--assets")) {
            if (!value(assets_dir, "--assets")) return usage_error("--assets needs a DIR");
        } else if (!a.empty() && a[0] == '-') {
            return usage_error("unknown option '" + std::string(a) + "'");
        } else if (image_ref.empty()) {
            image_ref = std::string(a);
        } else {
            return usage_error("unexpected argument '" + std::string(a) + "' (put the command after --)");
        }
    }
    if (image_ref.empty()) return usage_error("missing IMAGE");
    if (have_command && !script_path.empty()) return usage_error("give either --script FILE or -- COMMAND, not both");
    if (!have_command && script_path.empty()) return usage_error("no command: give --script FILE or -- COMMAND...");
    if (have_command && command.empty()) return usage_error("no command after --");

    // --- the command, as a script for the simulated shell -----------------
    std::string script, created_by, script_name;
    std::vector<std::string> cmd_words;
    if (!script_path.empty()) {
        if (!fs::is_regular_file(script_path) || !read_file(script_path, script))
            return usage_error("cannot read the script " + script_path + ": no such file");
        script_name = script_path;
        cmd_words = {"/bin/sh", "-c", script};
    } else {
        for (size_t k = 0; k < command.size(); ++k) script += (k ? " " : "") + shell_quote(command[k]);
        script_name = "command";
        cmd_words = command;
    }
    for (size_t k = 0; k < cmd_words.size(); ++k) created_by += (k ? " " : "") + cmd_words[k];

    // --- the image ------------------------------------------------------------
    Store store;
    Assets assets(store);
    // the package catalogs are parsed when the image or the script first needs them
    assets.load(assets_dir);
    std::error_code ec;
    for (const std::string& w : assets.warnings) err << "layerlab run: warning: " << w << "\n";
    std::optional<Image> image;
    for (const auto& [name, dir] : images) {
        if (name != image_ref) continue;
        Result<ImportedImage> im = load_image(dir, store);
        if (!im) {
            err << "layerlab run: --image " << name << "=" << dir << ": " << im.error().describe() << "\n";
            return k_own_error;
        }
        image = std::move(im->image);
        break;
    }
    if (!image && fs::exists(image_ref, ec)) {
        Result<ImportedImage> im = load_image(image_ref, store);
        if (!im) {
            err << "layerlab run: " << im.error().describe() << "\n";
            return k_own_error;
        }
        image = std::move(im->image);
    }
    if (!image) {
        build::BuiltinImages& bases = assets.set.images();
        image = bases.find(image_ref);
        if (!image && bases.last_error()) {
            err << "layerlab run: " << image_ref
                << ": layerlab knows this image, but its catalog could not be read: " << bases.last_error()->describe()
                << "\n";
            return k_own_error;
        }
        if (!image) {
            std::string known;
            for (const auto& [name, dir] : images) known += (known.empty() ? "" : ", ") + name;
            for (const std::string& n : bases.names()) known += (known.empty() ? "" : ", ") + n;
            return usage_error("unknown image '" + image_ref + "': not a --image NAME, not an OCI layout path" +
                               (known.empty() ? std::string() : " (known: " + known + ")"));
        }
    }

    // --- the container ----------------------------------------------------------
    Container c(store, *image, "layerlab-run");
    const ImageConfig& cfg = image->config;
    if (cfg.entrypoint && !cfg.entrypoint->empty())
        err << "layerlab run: note: the image's ENTRYPOINT is not run; the command runs on its own "
               "(as with docker run --entrypoint '')\n";
    shell::Start start = shell::start_container(c, c.name(), &assets.set.shell());
    if (!start.workdir) {
        err << "layerlab run: cannot create the working directory " << start.options.working_dir << ": "
            << start.workdir.error().describe() << "\n";
        Errc e = start.workdir.error().code;  // docker: "no such file" 127, "permission denied" 126
        return e == Errc::enoent || e == Errc::enotdir ? 127 : e == Errc::eacces || e == Errc::eisdir ? 126 : k_own_error;
    }
    shell::Options o = start.options;
    o.exec_form = have_command;  // -- COMMAND...: exec'd as docker run execs it, no shell around it
    (void)c.take_events();

    int status = 0;
    if (!c.stat("/bin/sh").ok()) {
        // the simulated shell stands in for /bin/sh: an image without one cannot run anything
        err << "layerlab run: exec: \"" << cmd_words[0]
            << "\": the image has no /bin/sh, which layerlab needs to simulate the command\n";
        status = 127;
    } else {
        shell::RunResult r = shell::run(c, script, o);
        int last_fd = 1;
        for (const shell::OutputChunk& ch : r.output) {
            if (ch.fd != last_fd) (last_fd == 1 ? out : err).flush();
            (ch.fd == 2 ? err : out) << ch.text;
            last_fd = ch.fd;
        }
        std::string so = r.stdout_text();
        if (!so.empty() && so.back() != '\n') out << "\n";
        out.flush();
        if (r.output_truncated) err << "layerlab run: note: output truncated\n";
        for (const std::string& n : r.notes) err << "layerlab run: note: " << n << "\n";
        if (!r.syntax_error.message.empty()) {
            Error e = r.syntax_error;
            e.where.file = script_name;
            err << e.describe() << "\n";
        }
        // a step that failed on an unknown command repeats its note as the error: say it once
        // and a budget stop is already in the output ("layerlab: stopped after ...")
        if (!r.error.empty() && !r.budget_exceeded && (r.notes.empty() || r.error != r.notes.back()))
            err << "layerlab run: " << r.error << "\n";
        status = r.status;
    }
    for (const std::string& w : assets.late_warnings()) err << "layerlab run: warning: " << w << "\n";
    out.flush();
    err << "== exit status " << status << "\n";
    if (want_diff) {
        err << "== docker diff\n";
        for (const DiffLine& d : c.diff()) err << d.kind << ' ' << d.path << "\n";
    }
    if (!commit_dir.empty()) {
        Image committed = c.commit(created_by, "layerlab run --commit-oci");
        committed.config.cmd = cmd_words;  // docker commit keeps the container's command
        ExportOptions eo;
        eo.ref_name = "latest";
        ExportedImage ex = export_oci_layout(committed, store, eo);
        if (auto e = write_tree(commit_dir, ex.files)) {
            err << "layerlab run: " << *e << "\n";
            return k_own_error;
        }
        err << "== committed " << ex.image_id.str() << " to " << commit_dir << " (ref latest, "
            << committed.layer_count() << " layers)\n";
    }
    return status & 0xff;
}

}  // namespace ll::cli
