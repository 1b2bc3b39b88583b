// builder.h: a Dockerfile + a build context -> an image, one step at a time,
// the way `docker build` with BuildKit on overlay2 does it.
//
//   Dockerfile            steps (one per instruction of the stages needed)     image
//   FROM python:3.11-slim  #1 FROM   base layers 0-3                    ─┐
//   WORKDIR /app           #2 WORKDIR  mkdir /app         -> layer 4     │  target stage
//   COPY req.txt .         #3 COPY     req.txt            -> layer 5     │  = the image
//   RUN pip install ...    #4 RUN      site-packages/...  -> layer 6     │
//   CMD ["python","a.py"]  #5 CMD      config only, empty_layer         ─┘
//
// Every RUN/COPY/ADD (and BuildKit's WORKDIR mkdir) runs in a Container over
// the stage's image so far; its writable layer becomes the step's layer
// (none when it changed nothing: BuildKit drops empty diffs). Metadata
// instructions change only the config and add an `empty_layer` history
// entry. A step is a value: it keeps the image after it, so going back to
// any step is a lookup, and the UI's timeline is steps().
//
// The build cache (BuildCache, owned by the caller and kept across builds)
// keys each step by its parent's key plus the instruction (for COPY/ADD also
// a checksum of the copied files' contents and metadata, not their mtimes;
// RUN by its command, environment, user and working directory). After the
// first miss every later step of that stage misses too. Each step says
// whether it hit and, if not, why in plain words. Under BuildKit only the
// steps that touch files (FROM, RUN, COPY, ADD, WORKDIR) are cache lookups,
// so editing a LABEL invalidates nothing; buildah and the classic builder
// cache every instruction, so it does.
//
// Flavors: BuildKit is the default. `buildah` and `classic` reproduce the
// documented differences of buildah 1.28 and Docker's classic builder
// (WORKDIR layers, empty RUN layers, history strings, ...), see Flavor and
// tests/build/README.md.
//
//     BuiltinImages bases(store, &apt);             // bases.h
//     Builder b(store, *parse(text), ctx, {}, bases, &cache);
//     while (!b.finished()) b.step();               // or b.run()
//     for (const Step& s : b.steps()) show(s.title, s.state, s.narration);
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/container.h"
#include "core/dockerfile/ast.h"
#include "core/image.h"
#include "core/reference.h"

namespace ll::shell {
struct Catalogs;
}

namespace ll::build {

// ---------------------------------------------------------------- context

// One file of the build context (paths relative to its root, '/'-separated).
// Ownership is not recorded: the client sends context files as 0:0, as
// `docker build` does.
struct ContextEntry {
    EntryType type = EntryType::file;  // file, dir or symlink
    uint32_t mode = 0644;
    int64_t mtime = 0;
    BlobId blob = k_empty_blob;
    std::string target;  // symlink target
};

class BuildContext {
public:
    // Adds an entry; missing parent directories are added as 0755 dirs.
    // Paths are relative to the context root ("app/main.py"; "./" and "//"
    // are cleaned away). A name that is not inside the context (absolute,
    // or leading out with "..", or holding a NUL byte: what the JS API or
    // a crafted client could send) is not added; error() then says which
    // and the Builder refuses to start, so no COPY can ever write it
    // outside its destination.
    void add_file(std::string_view path, BlobId blob, uint32_t mode = 0644, int64_t mtime = 0);
    void add_dir(std::string_view path, uint32_t mode = 0755, int64_t mtime = 0);
    void add_symlink(std::string_view path, std::string_view target, int64_t mtime = 0);
    const std::map<std::string, ContextEntry>& entries() const { return m_entries; }
    // The first name refused (see add_file), if any.
    const std::optional<Error>& error() const { return m_error; }
    const ContextEntry* find(std::string_view path) const;
    // The .dockerignore text at the context root, if any ("" otherwise).
    std::string dockerignore(const BlobStore& blobs) const;
    size_t size() const { return m_entries.size(); }

private:
    void add_parents(std::string_view path);
    bool admit(std::string_view path, std::string& rel);  // false: refused (m_error)
    std::map<std::string, ContextEntry> m_entries;
    std::optional<Error> m_error;
};

// .dockerignore as moby/patternmatcher reads it: one pattern per line,
// comments (#), "!" exceptions, "**" across directories, the last matching
// pattern wins, and a pattern also excludes everything below a directory it
// matches.
class IgnoreRules {
public:
    static Result<IgnoreRules> parse(std::string_view text);
    // The same rules from a list of patterns (COPY --exclude).
    static Result<IgnoreRules> from_patterns(const std::vector<std::string>& patterns);
    bool excluded(std::string_view path) const;  // path relative to the context root
    bool empty() const;
    // Does any exception ("!...") pattern start inside `dir`? Then an excluded
    // directory is still walked (fsutil does the same).
    bool has_exceptions() const;
    size_t size() const { return m_rules.size(); }

private:
    struct Rule {
        std::string pattern;  // cleaned, '/'-separated, no leading '/'
        bool exception = false;
    };
    std::vector<Rule> m_rules;
};

// Go's filepath.Match, as COPY sources use it ('*' and '?' stop at '/').
// A malformed pattern ("[a") matches nothing.
bool path_match(std::string_view pattern, std::string_view name);
// Does the word hold a wildcard ('*', '?', '[') not escaped by '\'?
bool has_wildcards(std::string_view word);

// ---------------------------------------------------------------- images

// Resolves FROM / COPY --from image names: the names given on the command
// line (--image NAME=DIR) or bundled with the page, then the built-in bases.
// Names are compared after normalization: "docker.io/library/busybox",
// "library/busybox", "busybox:latest" and "busybox" are the same image.
// How a reference was answered (resolve()).
enum class BaseMatch : uint8_t {
    exact,     // the image of that name
    same,      // another tag of the same image ("python:3.11-slim-bookworm" is python:3.11-slim)
    nearest,   // another variant of the same repository stands for it (a note says which)
    stand_in,  // nothing of that repository: a labelled stand-in base, not the real layers
};
const char* base_match_name(BaseMatch m);

struct ResolvedImage {
    Image image;
    std::string shown_as;  // the image whose layers these are ("node:20-bookworm-slim")
    BaseMatch match = BaseMatch::exact;
    std::string note;  // for the FROM step and the base slab ("" when exact)
    // the image's files (or those of an image below it) are approximated: the
    // note says what (@approx in its catalog file); the slab shows a badge
    bool approximated = false;
};

class ImageSource {
public:
    virtual ~ImageSource() = default;
    // nullopt: unknown name (the builder reports it with the list of known ones).
    virtual std::optional<Image> find(std::string_view name) = 0;
    virtual std::vector<std::string> names() const = 0;
    // Any tag of a known repository (the nearest variant when that tag is not
    // here) and, with `stand_in`, a labelled stand-in for an unknown image.
    // `ref` has been checked by parse_image_ref. The default: find() only.
    virtual std::optional<ResolvedImage> resolve(const ImageRef& ref, bool stand_in);
    // Why the last find() of a name it knows failed (a built-in image whose
    // catalog is broken), if it did; the builder says it on the FROM step.
    virtual std::optional<Error> last_error() const { return std::nullopt; }
};

// "docker.io/library/debian:bookworm-slim" -> "debian:bookworm-slim";
// "localhost/busybox-base" -> "busybox-base:latest"; "busybox" -> "busybox:latest".
std::string normalize_image_name(std::string_view name);

// ---------------------------------------------------------------- options

enum class Flavor : uint8_t {
    buildkit,  // docker build (BuildKit), the default
    buildah,   // buildah bud --layers 1.28 (OCI format): WORKDIR makes no
               // layer (the next RUN/COPY creates the directory), an empty
               // RUN still makes a layer, FROM scratch leaves WorkingDir
               // unset, history strings are "/bin/sh -c #(nop) ..." (ONBUILD
               // too), a base image's Env variable moves to the end when
               // set, CMD/ENTRYPOINT shell form ignore SHELL, HEALTHCHECK and
               // ONBUILD are dropped (not in the OCI config), EXPOSE keeps
               // port ranges, ARG values do not carry into a child stage,
               // RUN changes inside a VOLUME are discarded, every
               // instruction is a cache step
    classic,   // docker's legacy builder: WORKDIR makes a layer only when it
               // creates the directory, every stage up to the target is
               // built, RUN changes inside a VOLUME are discarded, every
               // instruction is a cache step
};
const char* flavor_name(Flavor f);
// "buildkit", "buildah", "classic" -> Flavor; nullopt otherwise.
std::optional<Flavor> flavor_from_name(std::string_view name);

struct Options {
    std::string target;                                           // stage name; "" = the last
    std::vector<std::pair<std::string, std::string>> build_args;  // --build-arg K=V
    bool no_cache = false;
    Flavor flavor = Flavor::buildkit;
    const shell::Catalogs* catalogs = nullptr;  // package data for RUN
    uint64_t step_budget = 2'000'000;           // per RUN
    int64_t epoch = 1700000000;                 // the build's clock (mtimes)
    bool strict_images = false;                 // an unknown image is an error, not a stand-in
};

// ---------------------------------------------------------------- cache

// Kept by the caller across builds (the UI keeps one per session).
class BuildCache {
public:
    struct Record {
        Image image;  // stage image after the step
        std::string created_by;
        bool empty_layer = true;
        std::string output;                         // RUN output when it ran
        std::map<std::string, std::string> inputs;  // COPY: source path -> checksum
        std::string text;                           // the instruction as keyed (for "what changed")
    };
    const Record* find(const std::string& key) const;
    void put(const std::string& key, Record r);
    // The record a step with this parent key and instruction kind had last
    // time, if any: used to explain a miss ("the file app.py changed").
    // `instruction` is the step's position in its stage.
    const Record* previous(const std::string& parent_key, dockerfile::Kind kind, size_t instruction) const;
    void remember(const std::string& parent_key, dockerfile::Kind kind, size_t instruction, const std::string& key);
    size_t size() const { return m_records.size(); }
    void clear();

private:
    std::map<std::string, Record> m_records;
    std::map<std::string, std::string> m_previous;  // parent|kind|index -> key
};

// ---------------------------------------------------------------- steps

enum class StepState : uint8_t { pending, done, cached, failed, skipped };
const char* step_state_name(StepState s);

struct Step {
    size_t stage = 0;        // index into Dockerfile::stages
    size_t instruction = 0;  // index into Dockerfile::instructions
                             // (ONBUILD triggers: the stage's FROM)
    dockerfile::Kind kind = dockerfile::Kind::Run;
    dockerfile::Span span;  // what the UI highlights
    std::string title;      // "[2/5] RUN apt-get update"
    StepState state = StepState::pending;
    bool onbuild = false;      // an ONBUILD trigger of the base image
    std::string onbuild_text;  // its text ("RUN echo hi")

    // After it ran:
    std::string created_by;   // the history line the builder writes ("" = none)
    bool empty_layer = true;  // no filesystem layer (metadata, or empty diff)
    LayerPtr layer;           // the new layer, when there is one
    Image image;              // the stage's image after this step
    std::string cache_key;
    std::string cache_note;     // "CACHED ..." or why it missed, in words
    std::vector<Event> events;  // container events (copy-ups, whiteouts...)
    std::string output;         // what RUN printed
    int exit_status = 0;
    std::string narration;           // one or two sentences for students
    std::string rule;                // the rule it illustrates, short
    std::vector<std::string> notes;  // explanations (mounts, --link, unused build args...)
    std::optional<Error> error;      // failed: why, with the Dockerfile place
    // FROM: how the base was found, and what to say on its slab when it is
    // not the exact image ("" when it is)
    BaseMatch base_match = BaseMatch::exact;
    bool base_approx = false;  // the base's files are approximated (ResolvedImage::approximated)
    std::string base_note;
};

class Builder {
public:
    // `file` must have parsed without errors. `store` and `images` outlive
    // the builder; `cache` may be null (no caching). A plan that cannot be
    // made (unknown --target) leaves the builder failed: error() says why.
    Builder(Store& store, dockerfile::Dockerfile file, BuildContext context, Options options, ImageSource& images,
            BuildCache* cache);
    ~Builder();
    Builder(const Builder&) = delete;
    Builder& operator=(const Builder&) = delete;

    // The plan: every step of every stage, in the order they run; stages the
    // target does not need (and, except for classic, stages after it) are
    // `skipped`.
    const std::vector<Step>& steps() const;
    size_t next_step() const;  // index of the next pending step (steps().size() when none)
    bool finished() const;     // all steps done (or a step failed)
    bool failed() const;
    // Why the build failed (a step's error, or a planning error).
    const Error* error() const;
    // Runs the next pending step; returns its index.
    Result<size_t> step();
    // Runs everything; the first error if a step failed.
    Status run();
    // The image of the target stage (valid once finished() && !failed()).
    const Image& result() const;
    // Stage images so far (for COPY --from and the UI).
    const Image* stage_image(size_t stage) const;
    size_t target_stage() const;
    const dockerfile::Dockerfile& dockerfile() const;
    const Options& options() const;
    // The Author field MAINTAINER set in the target stage ("" if none).
    std::string author() const;
    // Warnings worth showing after the build (unused --build-arg, ...).
    const std::vector<std::string>& warnings() const;
    // Marks the blobs it holds outside its layers (the build context's
    // files) for BlobStore::collect; call only between steps.
    void mark_blobs(BlobMarks& marks) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace ll::build
