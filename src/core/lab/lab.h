// lab.h: one teaching session, the model that the UI and the JS API drive.
//
// The Lab is what a student has open: a Dockerfile with its build context,
// the build of it as a timeline of steps with a cursor, containers started
// from the image at the cursor, and a log of plain-language narration. The
// ImGui windows (src/ui/) and the page's `window.layerlab` (src/app/bridge.cpp,
// through api.h) change it only through the commands below, so a browser test
// drives exactly what a click drives.
//
//   Dockerfile ──parse_all──▶ errors (spans for the editor)
//        │
//        ▼ Builder (build/builder.h), one BuildCache for the whole session
//   steps  #1 FROM   #2 WORKDIR   #3 COPY   #4 RUN   #5 CMD
//                                  ▲ cursor = 3: steps 1-3 have run; the view
//                                    is steps[2].image (each step keeps its image,
//                                    so back() is instant and re-runs nothing)
//   containers  c1, c2 ... over image_at_cursor(), each a writable layer and a
//               shell::Session; commit() stacks c's layer as a new image layer
//
// Rules the session follows:
//   - load() parses, then plans a new Builder that shares the session's
//     BuildCache, so an edit re-runs from the changed line and earlier steps
//     come out CACHED, as `docker build` does. edit() keeps the cursor (it
//     re-runs up to where the student was); load() starts at step 0.
//   - A Dockerfile with syntax errors is not built (Docker would refuse it):
//     errors() says why, with line and column, and the timeline is empty.
//   - The build context is the files given plus the Dockerfile itself, as
//     `docker build .` sends it (so COPY . . sees the edited Dockerfile).
//   - Moving the cursor or rebuilding removes the containers and commits
//     (`docker rm -f`): they belong to the image they were started from.
//   - Everything is deterministic: the build clock is fixed, containers'
//     clocks start at it, no randomness.
//
// The core does no I/O: the app hands in catalog texts and sample files
// (add_catalog, add_sample_file, finish_assets), natively from assets/ and in
// the browser after fetching them.
//
//     Lab lab;
//     lab.add_catalog("image-busybox.txt", text); ...; lab.finish_assets();
//     lab.load_sample("01-first-image");
//     lab.run_to_end();
//     for (const LayerView& l : lab.layers()) show(l.instruction, l.size);
//     ExecResult r = lab.exec("echo hi >> /hello.txt");   // copy-up event
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/build/builder.h"
#include "core/container.h"
#include "core/dockerfile/parser.h"
#include "core/sha256.h"
#include "core/size.h"
#include "core/tar.h"
#include "core/view.h"

namespace ll {
struct Catalog;
struct ImportedImage;
namespace build {
class BuiltinImages;
class CatalogSet;
}  // namespace build
namespace shell {
class Session;
struct Catalogs;
}  // namespace shell
namespace lesson {
class Course;
}  // namespace lesson
}  // namespace ll

namespace ll::lab {

// Context path ("app/main.py") -> contents.
using Files = std::map<std::string, std::string>;

// One sample of assets/samples/NN-name/: its Dockerfile, its build context
// and about.md (title, what it teaches, commands to try in a container).
struct Sample {
    std::string name;                       // "03-delete-trap" (the folder)
    std::string title;                      // about.md's "# " line
    std::string teaches;                    // about.md's first paragraph
    std::string about;                      // about.md without the title
    std::string dockerfile;                 // the Dockerfile's text
    Files files;                            // the build context, Dockerfile included
    std::vector<std::string> try_commands;  // about.md's "## Try in the container" code lines
};
// Builds a Sample from the files of its folder (about.md is read, not sent
// as context; everything else, Dockerfile included, is the context).
Sample make_sample(std::string name, Files folder);

struct Narration {
    enum class Kind : uint8_t { info, step, event, error };
    Kind kind = Kind::info;
    std::string text;     // one or two plain sentences
    std::string rule;     // the rule it illustrates ("" if none)
    uint64_t serial = 0;  // increases with every narration of the session
};

// One slab of the layer stack.
struct LayerView {
    uint32_t index = 0;  // 0 = bottom
    LayerPtr layer;
    std::string instruction;  // "COPY hello.txt /", or the base image's history line
    std::string created_by;   // the history entry, as `docker history --no-trunc` shows it
    int step = -1;            // index into steps() of the step that made it (for a base
                              // image's layers: the FROM that brought them); -1 = none
    bool from_base = false;   // came with the FROM image
    bool committed = false;   // made by commit()
    uint64_t size = 0;
    LayerChanges changes;
};

struct TermLine {
    enum class Kind : uint8_t { command, out, err, note, info };
    Kind kind = Kind::out;
    std::string text;
};

struct ContainerState {
    std::string name;  // "c1"
    std::unique_ptr<Container> container;
    std::unique_ptr<shell::Session> session;  // null once `exit` ended it
    std::vector<TermLine> log;                // the terminal, oldest first
    size_t image_layers = 0;                  // layers of the image it runs on
    size_t commit_base = 0;                   // commits that existed when it started
};

// What one command in a container did.
struct ExecResult {
    std::string container;
    std::string command;
    std::string output;  // stdout and stderr as the terminal showed them
    int status = 0;
    std::vector<Event> events;       // copy-ups, whiteouts, ... (no lookups); capped, see counts
    EventCounts counts;              // every event by kind, those past the list's cap included
    std::vector<std::string> notes;  // simulator remarks
    uint64_t bytes_copied_up = 0;
};

// One lookup as the UI and the JS API show it: the trace and what it needs
// to be shown. lookup() makes it, narrates it and keeps it (last_lookup()),
// so a lookup clicked in the UI and one asked by the API are the same thing.
struct LookupReport {
    LookupTrace trace;          // trace.asked: the path as given; trace.traced_text: what was traced
    bool in_container = false;  // searched a container (its writable layer first)
    uint32_t layers_total = 0;  // layers of the view, top-down (a container's writable layer included)
    std::string summary;        // "/etc/os-release: found in layer 0 after visiting 3 of 5 layers"
    uint64_t revision = 0;      // Lab::revision() it was made at: a later change makes it stale
    uint64_t serial = 0;        // Lab::lookup_serial() it was made at
    // The step of the trace for `layer` (an image layer index or k_upper_layer), or null if the
    // search ended above it.
    const TraceStep* step_for(uint32_t layer) const;
};

class Lab {
public:
    Lab();
    ~Lab();
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    // ---- assets (handed in by the app) ---------------------------------
    // Catalog texts by file name ("debian-bookworm.apt.txt", "image-*.txt",
    // "pypi.pip.txt", "npm.npm.txt", "alpine.apk.txt", "apt-state.txt").
    void add_catalog(std::string name, std::string text);
    // One file of a sample folder ("01-first-image", "site/index.html", text).
    void add_sample_file(const std::string& sample, std::string path, std::string text);
    // Parses the catalogs, registers the base images, assembles the samples.
    // A broken catalog is reported (and narrated) but the rest still works;
    // FROM of a base image whose catalog is broken says why on its step.
    Status finish_assets();
    bool assets_ready() const { return m_assets_ready; }
    // The page fetches big catalogs later: a base's image-*.txt when a FROM
    // first names it (bases.txt lists them; missing_catalogs() says which
    // the last build needed), the full apt index after the first frame.
    // Adds what add_catalog() was given since, keeps everything else, and
    // builds the document again if its build had failed.
    Status finish_more_assets();
    // Catalog files a FROM needed that are not loaded yet (BuiltinImages::missing).
    const std::vector<std::string>& missing_catalogs() const;
    // Registers an image with `files` regular files spread over directories
    // (one layer on busybox, when its catalog is loaded), as
    // "layerlab/synthetic:<n>" (for the 100k-files frame-time test).
    std::string add_synthetic_image(uint32_t files);
    // The image names FROM can use.
    std::vector<std::string> image_names() const;

    // ---- an image of the student's own ----------------------------------
    // The bytes of a `docker save` / `podman save` archive (docker-archive
    // or oci-archive) or a tar of an OCI layout, optionally gzipped, as the
    // page's file picker or a drop hands them in. Imports it (every blob and
    // DiffID checked, oci.h), registers it as the base image
    // "imported/<file name>:latest" and opens the one-line Dockerfile
    // `FROM imported/<file name>` built to its end: the stack shows the
    // image's layers titled by its history, and Files, Lookup, the summary
    // and containers work on it as on a built image. Refused above
    // k_max_import_bytes, before anything is read. Returns the image's name.
    static constexpr uint64_t k_max_import_bytes = uint64_t(512) << 20;
    Result<std::string> import_image(std::string_view bytes, std::string_view file_name);
    // The last part of import_image for an image read elsewhere (the page
    // feeds an ImageImport a slice per frame, image_stream.h): registers it
    // and opens it as above. Returns the image's name.
    std::string open_imported(ImportedImage&& im, std::string_view file_name);

    // ---- comparing two images (lab_images.cpp) ----------------------------
    // Keeps the image at the cursor as "A" (its layers are shared, nothing is
    // copied), labelled by what made it ("03-delete-trap, step 5 of 5"), so
    // the next build, edit or opened image can be compared with it
    // (image_compare.h: A = pinned, B = image_at_cursor()). Narrated.
    void pin_image();
    void unpin_image() { m_pinned.reset(); ++m_revision; }
    const Image* pinned_image() const { return m_pinned ? &*m_pinned : nullptr; }
    const std::string& pinned_label() const { return m_pinned_label; }
    // What labels an image: the sample or "your Dockerfile", the step.
    std::string image_label() const;

    const std::vector<Sample>& samples() const { return m_samples; }
    const Sample* find_sample(std::string_view name) const;
    Status load_sample(std::string_view name);
    const std::string& sample_name() const { return m_sample; }  // "" if not from a sample

    // ---- the Dockerfile ------------------------------------------------
    // A new Dockerfile (and context; nullopt keeps the current one): parse,
    // plan, cursor at 0.
    void load(std::string text, std::optional<Files> files = std::nullopt);
    // The same document edited: parse, plan, re-run up to the old cursor.
    void edit(std::string text);
    // A context file edited (created if new): rebuild, keeping the cursor.
    void edit_file(const std::string& path, std::string text);
    const std::string& text() const { return m_text; }
    const Files& files() const { return m_files; }
    const dockerfile::ParseOutput& parsed() const { return m_parse; }
    const std::vector<Error>& errors() const { return m_parse.errors; }
    // Bumped by every change of the model (the UI compares it).
    uint64_t revision() const { return m_revision; }
    // Bumped when the document (Dockerfile or context) changes.
    uint64_t doc_revision() const { return m_doc_revision; }
    // Does the document differ from the sample it was loaded from?
    bool edited() const;

    // ---- the build timeline ----------------------------------------------
    bool has_build() const { return m_builder != nullptr; }
    const std::vector<build::Step>& steps() const;
    const build::Builder* builder() const { return m_builder.get(); }
    size_t cursor() const { return m_cursor; }  // steps shown: 0..steps().size()
    // The step the view shows (the last non-skipped one before the cursor), or -1.
    int current_step() const;
    bool at_end() const;  // nothing left to step
    bool build_failed() const;
    const Error* build_error() const;
    bool step();   // runs or re-shows the next step; false at the end
    bool back();   // instant: moves the cursor only
    void reset();  // cursor 0
    void run_to_end();
    void go_to(size_t n);  // cursor n (runs the steps up to it if needed)

    // ---- building a piece at a time (issue 14) --------------------------------
    // step(), go_to() and run_to_end() run every step they need at once, which
    // in the page is one frame frozen for seconds. Instead the app aims the
    // cursor (aim, aim_step, aim_end) and calls work() once per frame: each call
    // runs at most one build step; when the goal is reached the cursor moves
    // there as go_to() would (same narration). A goal already built moves the
    // cursor at once. go_to(), load(), edit() and the other commands drop it.
    void aim(size_t n);
    void aim_step();  // the step step() would show (while busy: the one after the goal)
    void aim_end();   // what run_to_end() would show
    bool busy() const { return m_goal.has_value(); }
    bool work();  // one piece toward the goal; returns busy() after it
    // The step work() runs next (an index into steps()), or -1 when idle.
    int work_step() const;
    // "building step 4 of 8: RUN npm ci" ("" when idle), for the step deck.
    std::string work_label() const;

    // The image the cursor shows (plus any commits), and its slabs.
    const Image& image_at_cursor() const;
    const std::vector<LayerView>& layers() const;
    const WasteReport& waste() const;
    // The first line of the instruction of step i ("RUN apt-get update").
    std::string step_instruction(size_t i) const;

    // ---- containers --------------------------------------------------------
    // Starts a container from image_at_cursor(); returns its index.
    size_t start_container();
    size_t container_count() const { return m_containers.size(); }
    const ContainerState& container_state(size_t i) const { return *m_containers[i]; }
    const Container* current_container() const;
    int current_container_index() const { return m_current; }
    void select_container(size_t i);
    void remove_container(size_t i);
    // Runs a command line in the current container (starting one if none runs).
    ExecResult exec(std::string_view command);
    // The last exec (nullptr before the first); exec_serial() counts them.
    const ExecResult* last_exec() const { return m_exec_serial ? &m_last_exec : nullptr; }
    uint64_t exec_serial() const { return m_exec_serial; }
    // docker diff of the current container (empty if none). Computed once
    // per revision(): it walks and sorts the whole writable layer, which after
    // a command that creates 100,000 files costs far more than a frame.
    const std::vector<DiffLine>& diff() const;
    // docker ps -s SIZE of container i (its writable layer), once per revision().
    uint64_t container_size(size_t i) const;
    // Entries in container i's writable layer (mounts left out), once per
    // revision(): Container::upper_count() walks the layer when mounts exist.
    size_t container_entries(size_t i) const;
    // docker commit of the current container: its layer becomes a new image
    // layer on top of image_at_cursor(). Fails if there is no container.
    Status commit();
    size_t commit_count() const { return m_commits.size(); }
    // Images for the shared/unique report: the build's image, each commit.
    std::vector<const Image*> images_for_sharing() const;
    // Their shared/unique sizes (once per revision()); empty with fewer than two images.
    const ShareReport& sharing() const;

    // ---- layer digests ---------------------------------------------------------
    // A DiffID hashes the whole uncompressed layer tar: big layers take time.
    // The DiffID of slab i, computed now if not known yet.
    const Digest& diff_id(size_t i);
    // Work for idle moments: computes the DiffID of one layer of the stack that
    // has none and holds at most max_bytes (top of the stack first). Returns
    // false when there is nothing left to do. The app calls it between frames
    // while nothing moves (src/ui: ui::idle()).
    bool hash_one_layer(uint64_t max_bytes);
    // The same a slice at a time (issue 14): advances the DiffID of the top-most
    // layer of the stack that has none by about `budget` bytes of its tar (a
    // 100 MiB layer is hashed across many frames, not in one). Returns false
    // when every layer of the stack has its DiffID. The page calls it once per
    // idle frame and between the pieces of its Promise forms.
    bool hash_some(uint64_t budget);

    // ---- lookup ---------------------------------------------------------------
    // How `path` is found: in the current container if one runs, else in the
    // image at the cursor. lookup() is the one command for it (the UI's Look up
    // button, a double-click in Files, the JS API): it traces, narrates, and
    // keeps the report (last_lookup()) for the UI to animate. trace() only answers.
    const LookupReport& lookup(std::string_view path);
    LookupTrace trace(std::string_view path) const;
    const LookupReport* last_lookup() const { return m_lookup_serial ? &m_last_lookup : nullptr; }
    uint64_t lookup_serial() const { return m_lookup_serial; }
    bool lookup_in_container() const { return current_container() != nullptr; }

    // ---- narration -----------------------------------------------------------
    const std::vector<Narration>& narration() const { return m_narration; }
    const Narration* last_narration() const { return m_narration.empty() ? nullptr : &m_narration.back(); }
    void narrate(Narration::Kind kind, std::string text, std::string rule = {});

    // ---- lessons (src/core/lesson/lesson.h): the course the Lesson window and the JS API open
    lesson::Course& course() { return *m_course; }
    const lesson::Course& course() const { return *m_course; }

    // ---- the store everything lives in ------------------------------------------
    Store& store() { return m_store; }
    const Store& store() const { return m_store; }
    // Frees the blobs nothing references any more (BlobStore::collect): the
    // Lab knows every holder of blob ids (layers track themselves; it marks
    // its containers' writable layers and the build's context). Run at the
    // end of the calls that leave garbage (exec, removing containers, a
    // rebuild, steps) when BlobStore::collect_due() says it is worth it, or
    // always with `force`.
    BlobStore::Collected collect_garbage(bool force = false);
    // "layer 3", "the container layer", for any layer index of the current view.
    static std::string layer_label(uint32_t layer);

private:
    void rebuild(size_t keep_cursor);
    void clear_containers(const char* why);
    void invalidate_view();
    void narrate_step(size_t i, bool went_back);
    void narrate_exec(const ExecResult& r);
    std::optional<size_t> next_runnable(size_t cursor) const;  // the next non-skipped step
    void ensure_view() const;

    Store m_store;
    std::map<std::string, Files> m_sample_folders;
    std::unique_ptr<build::CatalogSet> m_catalogs;  // package data and the built-in base images
    bool m_assets_ready = false;
    std::vector<Sample> m_samples;
    std::unique_ptr<lesson::Course> m_course;

    std::string m_sample;
    std::string m_text;
    Files m_files;
    dockerfile::ParseOutput m_parse;
    build::BuildCache m_cache;
    std::unique_ptr<build::Builder> m_builder;
    size_t m_cursor = 0;
    std::optional<size_t> m_goal;  // aim(): the cursor work() builds toward
    uint64_t m_revision = 1;

    std::vector<std::unique_ptr<ContainerState>> m_containers;
    int m_current = -1;
    uint32_t m_next_container = 1;
    std::vector<Image> m_commits;
    std::optional<Image> m_pinned;
    std::string m_pinned_label;

    ExecResult m_last_exec;
    uint64_t m_exec_serial = 0;
    LookupReport m_last_lookup;
    uint64_t m_lookup_serial = 0;
    uint64_t m_doc_revision = 1;

    std::vector<Narration> m_narration;
    uint64_t m_narration_serial = 0;

    // Derived from the view, rebuilt on demand after a change.
    mutable bool m_view_valid = false;
    mutable std::vector<LayerView> m_layers;
    mutable WasteReport m_waste;
    mutable std::unordered_map<uint64_t, LayerChanges> m_changes_cache;  // by layer chain
    mutable std::unordered_map<uint64_t, WasteReport> m_waste_cache;     // by image chain
    // Walks of containers' writable layers, valid for one revision (lab_views.cpp).
    struct ContainerCache {
        uint64_t revision = 0;
        bool has_diff = false;
        std::vector<DiffLine> diff;
        std::vector<std::optional<uint64_t>> sizes;  // by container index
        std::vector<std::optional<size_t>> entries;  // by container index
        bool has_sharing = false;
        ShareReport sharing;
    };
    mutable ContainerCache m_container_cache;
    // hash_some(): the layer being hashed, its tar so far
    struct HashJob {
        LayerPtr layer;
        std::unique_ptr<LayerTarWriter> tar;
        Sha256 sha;
    };
    std::optional<HashJob> m_hash_job;
    ContainerCache& container_cache() const;  // emptied when the revision moved
};

}  // namespace ll::lab
