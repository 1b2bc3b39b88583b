// lab.cpp: the session model (see lab.h).
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): trim, starts_with, short_history, plural, no_steps, empty_image
//   samples: make_sample
//   Lab: Lab::Lab, Lab::add_catalog, Lab::add_sample_file, Lab::finish_assets,
//        Lab::add_synthetic_image, Lab::image_names, image_name_of, Lab::import_image, Lab::open_imported,
//        Lab::find_sample, Lab::load_sample
//   the Dockerfile: Lab::load, Lab::edit, Lab::edit_file, Lab::edited, Lab::rebuild
//   timeline: Lab::steps, Lab::current_step, Lab::next_runnable, Lab::at_end, Lab::build_failed,
//             Lab::build_error, Lab::go_to, Lab::step, Lab::back, Lab::reset, Lab::run_to_end,
//             Lab::aim, Lab::aim_step, Lab::aim_end, Lab::work, Lab::work_step, Lab::work_label,
//             Lab::step_instruction, Lab::narrate_step
//   the view: Lab::invalidate_view, Lab::image_at_cursor, chain_key,
//             Lab::ensure_view, Lab::layers, Lab::waste, Lab::layer_label
//   containers: Lab::clear_containers, Lab::start_container, Lab::current_container,
//               Lab::select_container, Lab::remove_container, Lab::exec, Lab::narrate_exec,
//               Lab::commit, Lab::images_for_sharing
//   narration: Lab::narrate
#include "core/lab/lab.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/build/bases.h"
#include "core/build/catalogs.h"
#include "core/catalog/catalog.h"
#include "core/lesson/lesson.h"
#include "core/image_stream.h"
#include "core/oci.h"
#include "core/shell/shell.h"
#include "core/shell/start.h"

namespace ll::lab {

namespace {

constexpr int64_t k_epoch = 1700000000;  // the build's and the containers' clock

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
    return std::string(s.substr(b, e - b));
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "RUN /bin/sh -c apt-get update # buildkit" -> "RUN apt-get update"
std::string short_history(std::string_view created_by) {
    std::string s(created_by);
    auto erase_all = [&](std::string_view what) {
        for (size_t at; (at = s.find(what)) != std::string::npos;) s.erase(at, what.size());
    };
    erase_all("/bin/sh -c #(nop) ");
    erase_all("/bin/sh -c ");
    if (s.size() > 11 && s.compare(s.size() - 11, 11, " # buildkit") == 0) s.resize(s.size() - 11);
    s = trim(s);
    if (s.empty()) return "(no history)";
    return s;
}

std::string plural(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

const std::vector<build::Step>& no_steps() {
    static const std::vector<build::Step> empty;
    return empty;
}

const Image& empty_image() {
    static const Image empty;
    return empty;
}

}  // namespace

// ---------------------------------------------------------------- samples

Sample make_sample(std::string name, Files folder) {
    Sample s;
    s.name = std::move(name);
    if (auto it = folder.find("about.md"); it != folder.end()) {
        const std::string& md = it->second;
        size_t pos = 0;
        bool in_try = false, in_fence = false;
        std::string para;
        bool para_done = false;
        while (pos <= md.size()) {
            size_t nl = md.find('\n', pos);
            if (nl == std::string::npos) nl = md.size();
            std::string_view line(md.data() + pos, nl - pos);
            pos = nl + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (starts_with(line, "```")) {
                in_fence = !in_fence;
                if (!s.title.empty()) s.about += std::string(line) + "\n";
                continue;
            }
            if (in_fence) {
                if (in_try && !trim(line).empty()) s.try_commands.push_back(trim(line));
                s.about += std::string(line) + "\n";
                continue;
            }
            if (s.title.empty() && starts_with(line, "# ")) {
                s.title = trim(line.substr(2));
                continue;
            }
            if (starts_with(line, "## ")) {
                in_try = trim(line.substr(3)).rfind("Try", 0) == 0;
                para_done = true;
            }
            s.about += std::string(line) + "\n";
            if (!para_done && !s.title.empty()) {
                if (trim(line).empty()) {
                    if (!para.empty()) para_done = true;
                } else {
                    if (!para.empty()) para += ' ';
                    para += trim(line);
                }
            }
        }
        s.teaches = para;
        s.about = trim(s.about);
        folder.erase(it);
    }
    if (s.title.empty()) s.title = s.name;
    if (auto it = folder.find("Dockerfile"); it != folder.end()) s.dockerfile = it->second;
    s.files = std::move(folder);
    return s;
}

// ---------------------------------------------------------------- Lab

Lab::Lab()
    : m_catalogs(std::make_unique<build::CatalogSet>(m_store)), m_course(std::make_unique<lesson::Course>()) {}

Lab::~Lab() = default;

void Lab::add_catalog(std::string name, std::string text) { m_catalogs->add(std::move(name), std::move(text)); }

void Lab::add_sample_file(const std::string& sample, std::string path, std::string text) {
    m_sample_folders[sample][std::move(path)] = std::move(text);
}

Status Lab::finish_assets() {
    m_catalogs->finish();

    m_samples.clear();
    for (auto& [name, folder] : m_sample_folders) m_samples.push_back(make_sample(name, folder));
    std::sort(m_samples.begin(), m_samples.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
    m_assets_ready = true;
    ++m_revision;
    if (!m_catalogs->errors().empty()) {
        std::string msg = "Some package data could not be read: " + m_catalogs->errors().front().describe();
        narrate(Narration::Kind::error, msg);
        return make_error(Errc::bad_json, msg);
    }
    return {};
}

Status Lab::finish_more_assets() {
    const size_t errors_before = m_catalogs->errors().size();
    m_catalogs->finish_more();
    // Only a rebuild changes the model: package data arriving beside a build
    // that went fine (the apt index after start) leaves the revision alone, so
    // an open quiz question stays answerable.
    if (m_builder && m_builder->failed()) {
        rebuild(m_cursor);
        ++m_revision;
    }
    if (m_catalogs->errors().size() > errors_before) {
        std::string msg = "Some package data could not be read: " + m_catalogs->errors().back().describe();
        narrate(Narration::Kind::error, msg);
        return make_error(Errc::bad_json, msg);
    }
    return {};
}

const std::vector<std::string>& Lab::missing_catalogs() const { return m_catalogs->images().missing(); }

std::string Lab::add_synthetic_image(uint32_t files) {
    // Files spread over 100 files per directory, 100 directories per parent:
    // /data/d0000/d0000/f00000.bin ... deterministic sizes 16..1039 bytes
    // (small, so that hashing the layer for its DiffID stays cheap).
    LayerBuilder b(m_store.paths);
    auto dir_entry = [&](PathId p) {
        Entry e;
        e.path = p;
        e.type = EntryType::dir;
        e.mode = 0755;
        e.mtime = k_epoch;
        b.put(e);
    };
    char buf[64];
    PathId data = m_store.paths.intern("/data");
    dir_entry(data);
    for (uint32_t i = 0; i < files; ++i) {
        uint32_t d1 = i / 10000, d2 = (i / 100) % 100;
        std::snprintf(buf, sizeof buf, "/data/d%04u/d%04u", d1, d2);
        PathId dir = m_store.paths.intern(buf);
        if (i % 100 == 0) {
            dir_entry(m_store.paths.parent(dir));
            dir_entry(dir);
        }
        std::snprintf(buf, sizeof buf, "f%05u.bin", i);
        Entry e;
        e.path = m_store.paths.intern_child(dir, buf);
        e.type = EntryType::file;
        e.mode = 0644;
        e.mtime = k_epoch;
        e.blob = m_store.blobs.fill(16u + (i * 2654435761u) % 1024u, uint8_t(i & 0xff));
        b.put(std::move(e));
    }
    // on busybox when its package data is there, so RUN has a shell
    Image img = m_catalogs->images().find("busybox").value_or(Image{});
    img.push_layer(b.freeze(m_store.blobs), m_store.paths);
    HistoryEntry h;
    h.created_by = "synthetic: " + std::to_string(files) + " files under /data";
    img.history.push_back(h);
    std::string name = "layerlab/synthetic:" + std::to_string(files);
    m_catalogs->images().add_image(name, std::move(img));
    return name;
}

std::vector<std::string> Lab::image_names() const { return m_catalogs->images().names(); }

namespace {

// "My Image (2).tar.gz" -> "my-image-2": a repository path component
// (lowercase letters, digits, single separators), "image" if nothing is left.
std::string image_name_of(std::string_view file_name) {
    std::string stem(file_name.substr(file_name.find_last_of("/\\") + 1));
    for (std::string_view ext : {".gz", ".tgz", ".tar", ".oci", ".docker"})
        if (stem.size() > ext.size() && stem.substr(stem.size() - ext.size()) == ext) stem.resize(stem.size() - ext.size());
    std::string out;
    for (char c : stem) {
        char l = char(std::tolower(static_cast<unsigned char>(c)));
        bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
        if (ok)
            out += l;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.size() > 64) out.resize(64);
    return out.empty() ? "image" : out;
}

}  // namespace

Result<std::string> Lab::import_image(std::string_view bytes, std::string_view file_name) {
    std::string shown(file_name.empty() ? "image.tar" : file_name);
    if (Status ok = check_import_size(bytes.size(), k_max_import_bytes, shown); !ok) return ok.error();
    auto im = import_image_tar(bytes, m_store, {}, shown);
    if (!im) return im.error();
    return open_imported(std::move(im.value()), shown);
}

std::string Lab::open_imported(ImportedImage&& r, std::string_view file_name) {
    std::string shown(file_name.empty() ? "image.tar" : file_name);
    std::string name = "imported/" + image_name_of(shown);
    std::string summary = "Opened " + shown + " (" + r.format + (r.ref_name.empty() ? "" : ", " + r.ref_name) +
                          "): " + std::to_string(r.image.layer_count()) + " layer" +
                          (r.image.layer_count() == 1 ? "" : "s") + ", " + format_bytes(r.image.size()) +
                          ", image ID " + r.image_id.short_hex(12) + ". Its history lines title the slabs.";
    m_catalogs->images().add_image(name, std::move(r.image));
    load("# " + shown + ", opened in the page (not a Dockerfile: the image's own layers)\nFROM " + name + "\n", Files{});
    run_to_end();
    narrate(Narration::Kind::info, summary, "an image is its layers plus a config; its history says what made each layer");
    return name;
}

const Sample* Lab::find_sample(std::string_view name) const {
    for (const Sample& s : m_samples)
        if (s.name == name) return &s;
    // a unique prefix or the part after "NN-" also names a sample
    const Sample* found = nullptr;
    for (const Sample& s : m_samples) {
        bool match = starts_with(s.name, name) || (s.name.size() > 3 && s.name.substr(3) == name);
        if (match) {
            if (found) return nullptr;
            found = &s;
        }
    }
    return found;
}

Status Lab::load_sample(std::string_view name) {
    const Sample* s = find_sample(name);
    if (!s) {
        std::string known;
        for (const Sample& k : m_samples) known += (known.empty() ? "" : ", ") + k.name;
        return make_error(Errc::enoent, "no sample named \"" + std::string(name) + "\" (samples: " + known + ")");
    }
    std::string sample_name = s->name;
    Files files = s->files;
    files.erase("Dockerfile");
    std::string text = s->dockerfile;
    std::string title = s->title, teaches = s->teaches;
    load(std::move(text), std::move(files));
    m_sample = sample_name;
    narrate(Narration::Kind::info, "Loaded the sample \"" + title + "\". " + teaches +
                                       (has_build() ? " Press → (or Step) to run the first instruction." : ""));
    return {};
}

// ---------------------------------------------------------------- the Dockerfile

void Lab::load(std::string text, std::optional<Files> files) {
    m_sample.clear();
    m_text = std::move(text);
    if (files) {
        m_files = std::move(*files);
        m_files.erase("Dockerfile");
    }
    rebuild(0);
}

void Lab::edit(std::string text) {
    m_text = std::move(text);
    rebuild(m_cursor);
}

void Lab::edit_file(const std::string& path, std::string text) {
    if (path == "Dockerfile") {
        edit(std::move(text));
        return;
    }
    m_files[path] = std::move(text);
    rebuild(m_cursor);
}

bool Lab::edited() const {
    const Sample* s = m_sample.empty() ? nullptr : find_sample(m_sample);
    if (!s) return !m_text.empty();
    Files f = s->files;
    f.erase("Dockerfile");
    return s->dockerfile != m_text || f != m_files;
}

void Lab::rebuild(size_t keep_cursor) {
    m_goal.reset();
    ++m_doc_revision;
    clear_containers(nullptr);
    m_builder.reset();
    m_cursor = 0;
    m_parse = dockerfile::parse_all(m_text);
    invalidate_view();
    if (!m_parse.errors.empty()) {
        const Error& e = m_parse.errors.front();
        std::string msg = "The Dockerfile has " + plural(m_parse.errors.size(), "error", "errors") +
                          ", so nothing is built (docker build would refuse it too). Line " +
                          std::to_string(e.where.line) + ": " + e.message + ".";
        narrate(Narration::Kind::error, msg, "a Dockerfile must parse before anything runs");
        return;
    }
    if (m_parse.file.stages.empty()) {
        narrate(Narration::Kind::error, "The Dockerfile has no FROM line, so there is nothing to build.",
                "every build stage starts with FROM");
        return;
    }
    build::BuildContext ctx;
    for (const auto& [path, content] : m_files) {
        uint32_t mode = starts_with(content, "#!") ? 0755 : 0644;
        ctx.add_file(path, m_store.blobs.bytes(content), mode, k_epoch);
    }
    ctx.add_file("Dockerfile", m_store.blobs.bytes(m_text), 0644, k_epoch);
    build::Options opt;
    opt.catalogs = &m_catalogs->shell();
    opt.epoch = k_epoch;
    m_builder =
        std::make_unique<build::Builder>(m_store, m_parse.file, std::move(ctx), opt, m_catalogs->images(), &m_cache);
    if (m_builder->failed() && m_builder->error()) {
        const Error& e = *m_builder->error();
        narrate(Narration::Kind::error, "The build cannot start: " +
                                            (e.where.line ? "line " + std::to_string(e.where.line) + ": " : "") +
                                            e.message + ".");
        // a FROM refused before anything runs (a bad reference) is shown as the failed step
        const auto& st = m_builder->steps();
        for (size_t k = 0; k < st.size(); ++k)
            if (st[k].state == build::StepState::failed) {
                m_cursor = k + 1;
                keep_cursor = 0;
                break;
            }
    }
    if (keep_cursor > 0) go_to(keep_cursor);
    collect_garbage();  // the old build's containers and context
    ++m_revision;
}

// ---------------------------------------------------------------- timeline

const std::vector<build::Step>& Lab::steps() const { return m_builder ? m_builder->steps() : no_steps(); }

int Lab::current_step() const {
    const auto& st = steps();
    for (size_t k = std::min(m_cursor, st.size()); k > 0; --k)
        if (st[k - 1].state != build::StepState::skipped && st[k - 1].state != build::StepState::pending)
            return int(k - 1);
    return -1;
}

std::optional<size_t> Lab::next_runnable(size_t cursor) const {
    const auto& st = steps();
    for (size_t j = cursor; j < st.size(); ++j)
        if (st[j].state != build::StepState::skipped) return j;
    return std::nullopt;
}

bool Lab::at_end() const {
    if (!m_builder) return true;
    const auto& st = steps();
    // a failed step ends the build
    for (size_t j = 0; j < std::min(m_cursor, st.size()); ++j)
        if (st[j].state == build::StepState::failed) return true;
    return !next_runnable(m_cursor).has_value();
}

bool Lab::build_failed() const { return m_builder && m_builder->failed(); }
const Error* Lab::build_error() const { return m_builder ? m_builder->error() : nullptr; }

void Lab::go_to(size_t n) {
    m_goal.reset();
    if (!m_builder) return;
    const auto& st = steps();
    n = std::min(n, st.size());
    size_t before = m_cursor;
    // run what has not run yet
    while (!m_builder->finished() && m_builder->next_step() < n) {
        Result<size_t> r = m_builder->step();
        if (!r) break;
    }
    collect_garbage();  // what the steps' commands left behind
    // a failed step stops the cursor just after it
    for (size_t j = 0; j < n; ++j)
        if (st[j].state == build::StepState::failed) {
            n = j + 1;
            break;
        }
    // never stop on a pending step (a failure before it)
    while (n > 0 && st[n - 1].state == build::StepState::pending) --n;
    if (n == before) return;
    if (!m_containers.empty() || !m_commits.empty()) clear_containers("the build moved to another step");
    m_cursor = n;
    invalidate_view();
    ++m_revision;
    if (n == 0) {
        narrate(Narration::Kind::step, "Back to the start: nothing has run yet. Press → to run the first step.");
        return;
    }
    int cur = current_step();
    if (cur >= 0) narrate_step(size_t(cur), n < before);
}

bool Lab::step() {
    if (!m_builder || at_end()) return false;
    size_t before = m_cursor;
    go_to(*next_runnable(m_cursor) + 1);
    return m_cursor != before;
}

bool Lab::back() {
    if (m_cursor == 0) return false;
    const auto& st = steps();
    size_t k = m_cursor - 1;
    while (k > 0 && st[k - 1].state == build::StepState::skipped) --k;
    go_to(k);
    return true;
}

void Lab::reset() { go_to(0); }

void Lab::run_to_end() { go_to(steps().size()); }

void Lab::aim(size_t n) {
    m_goal.reset();
    if (!m_builder) return;
    n = std::min(n, steps().size());
    if (m_builder->finished() || m_builder->next_step() >= n) {
        go_to(n);  // built already: moving the cursor is instant
        return;
    }
    m_goal = n;
}

void Lab::aim_step() {
    if (!m_builder) return;
    if (!m_goal && at_end()) return;
    // pressed again while a step builds: the one after the goal
    std::optional<size_t> next = next_runnable(m_goal ? *m_goal : m_cursor);
    if (next) aim(*next + 1);
}

void Lab::aim_end() { aim(steps().size()); }

bool Lab::work() {
    if (!m_goal) return false;
    if (m_builder && !m_builder->finished() && m_builder->next_step() < *m_goal) {
        Result<size_t> r = m_builder->step();
        collect_garbage();
        if (r && !m_builder->finished() && m_builder->next_step() < *m_goal) return true;
    }
    go_to(*m_goal);  // drops the goal
    return false;
}

int Lab::work_step() const {
    if (!m_goal || !m_builder || m_builder->finished()) return -1;
    return int(m_builder->next_step());
}

std::string Lab::work_label() const {
    int i = work_step();
    if (i < 0) return {};
    return "building step " + std::to_string(i + 1) + " of " + std::to_string(steps().size()) + ": " +
           step_instruction(size_t(i));
}

std::string Lab::step_instruction(size_t i) const {
    const auto& st = steps();
    if (i >= st.size()) return {};
    const build::Step& s = st[i];
    if (s.onbuild) return "ONBUILD " + s.onbuild_text;
    const auto& ins = m_parse.file.instructions;
    if (s.instruction >= ins.size()) return s.title;
    std::string o = ins[s.instruction].original;
    size_t nl = o.find('\n');
    if (nl != std::string::npos) o = o.substr(0, nl);
    return trim(o);
}

void Lab::narrate_step(size_t i, bool went_back) {
    const build::Step& s = steps()[i];
    std::string text;
    if (went_back)
        text = "Back to " + s.title + ". Nothing re-ran: every step keeps the image it made. " + s.narration;
    else
        text = s.narration.empty() ? s.title : s.narration;
    Narration::Kind kind = s.state == build::StepState::failed ? Narration::Kind::error : Narration::Kind::step;
    narrate(kind, text, s.rule);
}

// ---------------------------------------------------------------- the view

void Lab::invalidate_view() { m_view_valid = false; }

const Image& Lab::image_at_cursor() const {
    if (!m_commits.empty()) return m_commits.back();
    int cur = current_step();
    if (cur < 0) return empty_image();
    return steps()[size_t(cur)].image;
}

namespace {

// A key for "this layer on top of exactly these layers": layer identities
// chained, so a layer's changes are computed once per stack it sits on.
uint64_t chain_key(uint64_t below, const Layer* l) {
    uint64_t h =
        below ^ (uint64_t(reinterpret_cast<uintptr_t>(l)) + 0x9e3779b97f4a7c15ull + (below << 6) + (below >> 2));
    return h * 0xff51afd7ed558ccdull;
}

}  // namespace

void Lab::ensure_view() const {
    if (m_view_valid) return;
    m_view_valid = true;
    m_layers.clear();
    const Image& img = image_at_cursor();
    const auto& st = steps();

    // changes per layer, from the cache when this stack was seen before; the
    // image below a layer is a step's image when one has exactly that prefix
    std::vector<uint64_t> keys(img.layer_count());
    uint64_t k = 0;
    for (size_t i = 0; i < img.layer_count(); ++i) keys[i] = k = chain_key(k, img.layers()[i].get());
    std::vector<LayerChanges> changes(img.layer_count());
    std::optional<Image> built;  // prefix built layer by layer, when no step has it
    for (size_t i = 0; i < img.layer_count(); ++i) {
        if (auto it = m_changes_cache.find(keys[i]); it != m_changes_cache.end()) {
            changes[i] = it->second;
            continue;
        }
        const Image* below = nullptr;
        if (i == 0) {
            below = &empty_image();
        } else {
            for (const build::Step& s : st) {
                const Image& cand = s.image;
                if (cand.layer_count() != i) continue;
                bool same = true;
                for (size_t j = i; j-- > 0 && same;) same = cand.layers()[j].get() == img.layers()[j].get();
                if (same) {
                    below = &cand;
                    break;
                }
            }
            for (const Image& c : m_commits)
                if (!below && c.layer_count() == i && c.layers()[i - 1].get() == img.layers()[i - 1].get()) below = &c;
        }
        if (!below) {
            if (!built || built->layer_count() > i) built.emplace();
            while (built->layer_count() < i) built->push_layer(img.layers()[built->layer_count()], m_store.paths);
            below = &*built;
        }
        changes[i] = layer_changes_over(*img.layers()[i], below->index(), below->layers(), m_store.paths);
        m_changes_cache[keys[i]] = changes[i];
    }

    // history entries that made a layer, in order, describe the layers
    std::vector<const HistoryEntry*> hist;
    for (const HistoryEntry& h : img.history)
        if (!h.empty_layer) hist.push_back(&h);
    const size_t first_commit = img.layer_count() - std::min(img.layer_count(), m_commits.size());
    // the FROM step of the stage shown: base layers point at it
    int from_step = -1;
    if (int cur = current_step(); cur >= 0)
        for (size_t j = 0; j < st.size(); ++j)
            if (st[j].stage == st[size_t(cur)].stage && st[j].kind == dockerfile::Kind::From) {
                from_step = int(j);
                break;
            }
    for (size_t i = 0; i < img.layer_count(); ++i) {
        LayerView v;
        v.index = uint32_t(i);
        v.layer = img.layers()[i];
        v.size = v.layer->size();
        v.changes = changes[i];
        if (i < hist.size()) v.created_by = hist[i]->created_by;
        // layers made by this build (any stage) are found by identity
        for (size_t j = 0; j < std::min(m_cursor, st.size()); ++j)
            if (st[j].layer && st[j].layer.get() == v.layer.get()) {
                v.step = int(j);
                break;
            }
        if (v.step >= 0) {
            v.instruction = step_instruction(size_t(v.step));
        } else if (!m_commits.empty() && i >= first_commit) {
            v.committed = true;
            v.instruction = "docker commit (" + short_history(v.created_by) + ")";
        } else {
            v.from_base = true;  // came with a FROM image: the FROM step brought it
            v.instruction = short_history(v.created_by);
            v.step = from_step;
        }
        m_layers.push_back(std::move(v));
    }

    uint64_t wkey = img.layer_count() ? keys.back() : 0;
    if (auto it = m_waste_cache.find(wkey); it != m_waste_cache.end()) {
        m_waste = it->second;
    } else {
        m_waste = image_waste(img, m_store.blobs);
        if (m_waste_cache.size() > 256) m_waste_cache.clear();
        m_waste_cache[wkey] = m_waste;
    }
}

const std::vector<LayerView>& Lab::layers() const {
    ensure_view();
    return m_layers;
}

const WasteReport& Lab::waste() const {
    ensure_view();
    return m_waste;
}

std::string Lab::layer_label(uint32_t layer) {
    if (layer == k_upper_layer) return "the container layer";
    if (layer == k_no_layer) return "the root";
    return "layer " + std::to_string(layer);
}

// ---------------------------------------------------------------- containers

void Lab::clear_containers(const char* why) {
    bool had = !m_containers.empty() || !m_commits.empty();
    std::string names;
    for (const auto& c : m_containers) names += (names.empty() ? "" : ", ") + c->name;
    m_containers.clear();
    m_commits.clear();
    m_current = -1;
    invalidate_view();
    if (had && why != nullptr && !names.empty())
        narrate(Narration::Kind::info,
                "Removed " + names + " (docker rm -f) because " + why +
                    ": a container belongs to the image it was started from, and its writable layer goes with it.",
                "removing a container deletes its writable layer");
}

size_t Lab::start_container() {
    const Image& img = image_at_cursor();
    auto cs = std::make_unique<ContainerState>();
    cs->name = "c" + std::to_string(m_next_container++);
    cs->container = std::make_unique<Container>(m_store, img, cs->name);
    cs->container->set_time(k_epoch + 3600);
    cs->image_layers = img.layer_count();
    cs->commit_base = m_commits.size();
    shell::Start start = shell::start_container(*cs->container, cs->name, &m_catalogs->shell());
    const shell::Options& o = start.options;
    cs->session = std::make_unique<shell::Session>(*cs->container, o);
    uint64_t shared = img.size();
    cs->log.push_back({TermLine::Kind::info, "$ docker run -it --name " + cs->name + " <image> sh"});
    if (!start.workdir)
        cs->log.push_back({TermLine::Kind::err, "cannot create the working directory " + o.working_dir + ": " +
                                                    start.workdir.error().describe()});
    (void)cs->container->take_events();  // what dockerd did before the shell started is no command's doing
    m_containers.push_back(std::move(cs));
    m_current = int(m_containers.size() - 1);
    const std::string& name = m_containers.back()->name;
    std::string others;
    if (m_containers.size() > 1)
        others = " " + plural(m_containers.size() - 1, "other container shares", "other containers share") +
                 " the same layers: nothing was copied.";
    narrate(Narration::Kind::event,
            "Started container " + name + ": its root file system is the image's " +
                plural(img.layer_count(), "read-only layer", "read-only layers") + " (" + format_bytes(shared) +
                ") under one new, empty writable layer." + others,
            "containers share the image's layers; each gets its own writable layer");
    ++m_revision;
    return m_containers.size() - 1;
}

const Container* Lab::current_container() const {
    if (m_current < 0 || size_t(m_current) >= m_containers.size()) return nullptr;
    return m_containers[size_t(m_current)]->container.get();
}

void Lab::select_container(size_t i) {
    if (i < m_containers.size() && int(i) != m_current) {
        m_current = int(i);
        ++m_revision;
    }
}

void Lab::remove_container(size_t i) {
    if (i >= m_containers.size()) return;
    std::string name = m_containers[i]->name;
    m_containers.erase(m_containers.begin() + long(i));
    if (m_current >= int(m_containers.size())) m_current = int(m_containers.size()) - 1;
    collect_garbage(true);  // its writable layer's files go now (docker rm)
    narrate(Narration::Kind::event,
            "Removed container " + name + " (docker rm): its writable layer is deleted; the image's layers stay.",
            "removing a container deletes its writable layer");
    ++m_revision;
}

ExecResult Lab::exec(std::string_view command) {
    if (current_container() == nullptr) start_container();
    ContainerState& cs = *m_containers[size_t(m_current)];
    ExecResult r;
    r.container = cs.name;
    r.command = std::string(command);
    Container& c = *cs.container;
    if (!cs.session) {
        // docker start: the same process setup as docker run
        cs.session =
            std::make_unique<shell::Session>(c, shell::start_container(c, cs.name, &m_catalogs->shell()).options);
        cs.log.push_back({TermLine::Kind::info, "$ docker start -ai " + cs.name + "   (same writable layer)"});
    }
    (void)c.take_events();
    uint64_t copied_before = c.bytes_copied_up();
    // `docker exec -it c1 sh` needs a shell in the image: FROM scratch has none
    if (!c.stat("/bin/sh").ok() && !c.stat("/usr/bin/sh").ok()) {
        r.status = 127;
        r.output =
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"sh\": "
            "executable file not found in $PATH: unknown\n";
        cs.log.push_back({TermLine::Kind::command, "$ " + std::string(command)});
        cs.log.push_back({TermLine::Kind::err, r.output.substr(0, r.output.size() - 1)});
        narrate(Narration::Kind::error,
                "There is no shell in this image, so nothing can run `" + std::string(command) +
                    "`: docker exec would fail the same way. An image holds only the files its layers add; this one "
                    "has no /bin/sh (FROM scratch starts with no programs at all).",
                "a container can run only programs that its image contains");
        ++m_revision;
        m_last_exec = r;
        ++m_exec_serial;
        return r;
    }
    cs.log.push_back({TermLine::Kind::command, cs.session->prompt() + std::string(command)});
    shell::RunResult rr = cs.session->exec(command);
    c.tick(1);
    r.status = rr.status;
    for (const shell::OutputChunk& ch : rr.output) {
        r.output += ch.text;
        // one terminal line per output line, stdout and stderr kept apart
        size_t pos = 0;
        while (pos < ch.text.size()) {
            size_t nl = ch.text.find('\n', pos);
            size_t end = nl == std::string::npos ? ch.text.size() : nl;
            cs.log.push_back({ch.fd == 2 ? TermLine::Kind::err : TermLine::Kind::out, ch.text.substr(pos, end - pos)});
            pos = end + 1;
        }
    }
    if (!rr.error.empty()) cs.log.push_back({TermLine::Kind::err, rr.error});
    for (const std::string& n : rr.notes) {
        r.notes.push_back(n);
        cs.log.push_back({TermLine::Kind::note, n});
    }
    r.counts = c.event_counts();
    r.events = c.take_events();
    r.bytes_copied_up = c.bytes_copied_up() - copied_before;
    if (cs.session->exited()) {
        cs.session.reset();
        cs.log.push_back({TermLine::Kind::info,
                          "(the shell exited: " + cs.name + " stopped; its writable layer stays until it is removed)"});
    }
    constexpr size_t k_max_log = 5000;
    if (cs.log.size() > k_max_log) cs.log.erase(cs.log.begin(), cs.log.begin() + long(cs.log.size() - k_max_log));
    narrate_exec(r);
    invalidate_view();
    ++m_revision;
    m_last_exec = r;
    ++m_exec_serial;
    collect_garbage();  // overwritten and deleted files, pipes, temporaries
    return r;
}

BlobStore::Collected Lab::collect_garbage(bool force) {
    BlobStore& blobs = m_store.blobs;
    if (!force && !blobs.collect_due()) return {};
    return blobs.collect([this](BlobMarks& marks) {
        for (const auto& cs : m_containers)
            for (const auto& [path, e] : cs->container->upper()) marks.mark(e.blob);
        if (m_builder) m_builder->mark_blobs(marks);
    });
}

void Lab::narrate_exec(const ExecResult& r) {
    const PathTable& paths = m_store.paths;
    std::string cmd = r.command.size() > 60 ? r.command.substr(0, 57) + "..." : r.command;
    // the most telling event decides the story
    for (size_t i = 0; i < r.events.size(); ++i) {
        const Event& e = r.events[i];
        if (e.kind != EventKind::copy_up || e.bytes == 0) continue;
        std::string path = paths.str(e.path);
        std::string change;
        if (const Event* m = change_after_copy_up(r.events, i)) {
            const std::string n = m->bytes == 1 ? std::string("1 byte") : format_bytes(m->bytes);
            if (m->change == Change::at_offset) change = "to change " + n;
            if (m->change == Change::append) change = "to append " + n;
        }
        std::string copies;
        const uint64_t n = r.counts.file_copy_ups;  // the event list is capped; the counts are not
        if (n > 1)
            copies =
                " (" + std::to_string(n) + " files were copied up in all, " + format_bytes(r.bytes_copied_up) + ")";
        narrate(Narration::Kind::event,
                "`" + cmd + "` in " + r.container + ": " + path + " lives in read-only " + layer_label(e.layer) +
                    ", so overlayfs first copied the whole file (" + format_bytes(e.bytes) + ") up into " +
                    r.container + "'s writable layer" + (change.empty() ? "" : ", " + change) + copies + ".",
                "the first write to a lower file copies all of it up (copy-on-write works per file)");
        return;
    }
    for (const Event& e : r.events) {
        if (e.kind != EventKind::whiteout) continue;
        std::string path = paths.str(e.path);
        const uint64_t n = r.counts[EventKind::whiteout];
        narrate(Narration::Kind::event,
                "`" + cmd + "` in " + r.container + ": " + path + " is in read-only " + layer_label(e.layer) +
                    ", so overlayfs left a whiteout in " + r.container + "'s writable layer that hides it" +
                    (e.bytes ? "; its " + format_bytes(e.bytes) + " still ship in " + layer_label(e.layer) : "") +
                    (n > 1 ? " (" + std::to_string(n) + " whiteouts in all)" : "") + ".",
                "deleting a lower file leaves a whiteout; the bytes stay below");
        return;
    }
    for (const Event& e : r.events) {
        if (e.kind == EventKind::opaque) {
            const std::string path = paths.str(e.path);
            narrate(Narration::Kind::event,
                    "`" + cmd + "` in " + r.container + ": " + path +
                        " was deleted and created again: the new directory is opaque, so nothing from the lower "
                        "layers' old " +
                        path + " shows through.",
                    "a directory deleted and made again is opaque: lower children stay hidden");
            return;
        }
        if (e.kind == EventKind::exdev) {
            narrate(Narration::Kind::event,
                    "`" + cmd + "` in " + r.container + ": rename of directory " + paths.str(e.path) +
                        " refused with EXDEV: it exists in a lower layer and overlayfs (redirect_dir=off) cannot "
                        "move it; mv falls back to copy + delete.",
                    "renaming a lower directory fails with EXDEV; mv then copies and deletes");
            return;
        }
    }
    // counted over every event, not the capped list: 100,000 new files are 100,000 new names
    const uint64_t created = r.counts[EventKind::create];
    const uint64_t changed = r.counts[EventKind::modify] + r.counts[EventKind::rename];
    const uint64_t removed = r.counts[EventKind::remove];
    if (created + changed + removed > 0) {
        std::string what;
        if (created) what += plural(created, "new name", "new names");
        if (changed) what += (what.empty() ? "" : ", ") + plural(changed, "change", "changes");
        if (removed) what += (what.empty() ? "" : ", ") + plural(removed, "removal", "removals");
        narrate(Narration::Kind::event,
                "`" + cmd + "` in " + r.container + ": " + what + ", all in " + r.container +
                    "'s writable layer. The image's layers never change.",
                "a container writes only to its own layer");
        return;
    }
    narrate(Narration::Kind::event,
            "`" + cmd + "` ran in " + r.container + " (exit status " + std::to_string(r.status) +
                ") and changed no files: reading goes through the layers top-down and copies nothing.",
            "reads never copy anything up");
}

// diff(), container_size(), sharing(): lab_views.cpp (cached per revision)

Status Lab::commit() {
    const Container* c = current_container();
    if (!c) return make_error(Errc::einval, "no container to commit: start one first");
    const ContainerState& cs = *m_containers[size_t(m_current)];
    Image img = c->commit("/bin/sh", "docker commit " + cs.name);
    uint64_t sz = c->size();
    m_commits.push_back(std::move(img));
    invalidate_view();
    ++m_revision;
    narrate(Narration::Kind::event,
            "docker commit " + cs.name + ": its writable layer (" + format_bytes(sz) +
                ", whiteouts included) was frozen into a new read-only layer on top of the image. New containers "
                "start from the committed image; " +
                cs.name + " keeps running on the old one.",
            "commit turns a container's writable layer into an image layer");
    return {};
}

std::vector<const Image*> Lab::images_for_sharing() const {
    std::vector<const Image*> out;
    int cur = current_step();
    if (cur >= 0) out.push_back(&steps()[size_t(cur)].image);
    for (const Image& i : m_commits) out.push_back(&i);
    return out;
}

// lookup(), trace(): lab_views.cpp

// ---------------------------------------------------------------- narration

void Lab::narrate(Narration::Kind kind, std::string text, std::string rule) {
    Narration n;
    n.kind = kind;
    n.text = std::move(text);
    n.rule = std::move(rule);
    n.serial = ++m_narration_serial;
    m_narration.push_back(std::move(n));
    constexpr size_t k_max = 500;
    if (m_narration.size() > k_max) m_narration.erase(m_narration.begin(), m_narration.begin() + 100);
}

}  // namespace ll::lab
