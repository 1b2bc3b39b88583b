// quiz.cpp: predict, then reveal (quiz.h).
//
// Index of this file:
//   helpers:   the next step, files worth asking about, words
//   make:      one maker per kind, make_question
//   reveal, check, normalized_lines
//   Quiz:      ask, ask_next, ask_for_step, answer
#include "core/lesson/quiz.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "core/lab/lab.h"

namespace ll::lesson {

namespace {

const char* const k_kind_names[k_question_kinds] = {"adds_layer", "lookup_layer", "copy_up_bytes", "docker_diff",
                                                    "image_size"};

constexpr double k_size_tolerance = 0.20;  // image_size: within 20%
constexpr double k_copy_tolerance = 0.10;  // copy_up_bytes: within 10%
const char* const k_appended = "edited";   // what copy_up_bytes and docker_diff append (plus a newline)

// The step step() would run next, or nullopt at the end (or when the build cannot go on).
std::optional<size_t> next_step(const lab::Lab& lab) {
    if (!lab.has_build() || lab.build_failed() || lab.at_end() || !lab.errors().empty()) return std::nullopt;
    const auto& steps = lab.steps();
    for (size_t i = lab.cursor(); i < steps.size(); ++i)
        if (steps[i].state != build::StepState::skipped) return i;
    return std::nullopt;
}

Error cannot(std::string why) { return make_error(Errc::unsupported, std::move(why)); }

std::string bytes_words(uint64_t n) {
    std::string exact = std::to_string(n) + (n == 1 ? " byte" : " bytes");
    return n < 1024 ? exact : format_bytes(n) + " (" + exact + ")";
}

std::string layer_words(const lab::Lab& lab, uint32_t layer) {
    if (layer == k_no_layer) return "none: not found";
    std::string w = lab::Lab::layer_label(layer);
    if (layer != k_upper_layer && layer < lab.layers().size()) w += " (" + lab.layers()[layer].instruction + ")";
    return w;
}

// A regular file of the merged view worth writing to: under /etc first, neither
// tiny nor huge, then by path. Sorted best first.
struct FileChoice {
    std::string path;
    uint64_t size = 0;
    uint32_t layer = 0;
};
std::vector<FileChoice> writable_files(const lab::Lab& lab) {
    const Image& img = lab.image_at_cursor();
    const Store& store = lab.store();
    std::vector<FileChoice> out;
    std::set<PathId> seen;
    for (size_t li = img.layer_count(); li-- > 0;)
        for (const Entry& e : img.layers()[li]->entries()) {
            if (e.type != EntryType::file || e.link_group != 0 || !seen.insert(e.path).second) continue;
            uint32_t at = k_no_layer;
            const Entry* top = img.find(e.path, &at);
            if (top != &e) continue;  // hidden by a later layer
            std::string p = store.paths.str(e.path);
            if (p.rfind("/proc/", 0) == 0 || p.rfind("/sys/", 0) == 0 || p.rfind("/dev/", 0) == 0) continue;
            out.push_back({std::move(p), entry_size(e, store.blobs), at});
        }
    auto rank = [](const FileChoice& f) {
        int r = f.path.rfind("/etc/", 0) == 0 ? 0 : 2;
        if (f.size < 64 || f.size > (256u << 10)) r += 1;
        return r;
    };
    std::sort(out.begin(), out.end(), [&](const FileChoice& a, const FileChoice& b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return ra < rb;
        if (a.path.size() != b.path.size()) return a.path.size() < b.path.size();
        return a.path < b.path;
    });
    return out;
}

std::string parent_of(const std::string& p) {
    size_t slash = p.rfind('/');
    return slash == 0 || slash == std::string::npos ? "/" : p.substr(0, slash);
}

// A shell in the image (FROM scratch has none: no command can run).
bool has_shell(const lab::Lab& lab) {
    const Image& img = lab.image_at_cursor();
    for (const char* sh : {"/bin/sh", "/usr/bin/sh"}) {
        PathId p = lab.store().paths.find(sh);
        if (p != k_no_path && img.find(p) != nullptr) return true;
    }
    return false;
}

// ---- one maker per kind

Result<Question> make_step_question(const lab::Lab& lab, QuestionKind kind) {
    std::optional<size_t> n = next_step(lab);
    if (!n) return cannot("there is no next step: the build is at its end, failed, or the Dockerfile has errors");
    const build::Step& st = lab.steps()[*n];
    Question q;
    q.kind = kind;
    q.step = *n;
    const std::string what = "step " + std::to_string(*n + 1) + ", " + lab.step_instruction(*n);
    if (kind == QuestionKind::adds_layer) {
        if (st.kind == dockerfile::Kind::From)
            return cannot("the next step is a FROM: it brings the base image's layers rather than adding one");
        q.prompt = "Will " + what + ", add a layer to the image?";
        q.how = "yes or no";
        return q;
    }
    q.before = lab.has_build() && lab.current_step() >= 0 ? lab.image_at_cursor().size() : 0;
    if (st.kind == dockerfile::Kind::From || lab.current_step() < 0)
        q.prompt = "How big will the image be after " + what + "?";
    else
        q.prompt = "The image is " + format_bytes(q.before) + " now. How big will it be after " + what + "?";
    q.how = "a size, within 20%";
    q.tolerance = k_size_tolerance;
    return q;
}

// The path most worth looking up: one that several layers hold (a later copy
// shadows an earlier one, or a whiteout hides it), preferring one the
// Dockerfile's own steps touched; else a file of a layer below the top.
Result<Question> make_lookup_question(const lab::Lab& lab) {
    const auto& layers = lab.layers();
    if (layers.empty()) return cannot("the image has no layers yet: step past FROM first");
    const Store& store = lab.store();
    struct Count {
        int copies = 0;
        bool own = false;  // a layer of the Dockerfile's own steps holds it
        bool file = false;
    };
    std::unordered_map<PathId, Count> counts;
    for (const lab::LayerView& v : layers)
        for (const Entry& e : v.layer->entries()) {
            if (e.type != EntryType::file && !e.is_whiteout()) continue;
            Count& c = counts[e.path];
            ++c.copies;
            c.own = c.own || !v.from_base;
            c.file = c.file || e.type == EntryType::file;
        }
    // best: the Dockerfile's own, then the most copies, then the shortest path, then by name
    std::string best;
    bool best_own = false;
    int best_copies = 0;
    for (const auto& [p, c] : counts) {
        if (c.copies < 2 || !c.file) continue;
        std::string s = store.paths.str(p);
        bool better = (best.empty() || c.own != best_own) ? (best.empty() || c.own)
                      : c.copies != best_copies       ? c.copies > best_copies
                      : s.size() != best.size()       ? s.size() < best.size()
                                                      : s < best;
        if (better) best = std::move(s), best_own = c.own, best_copies = c.copies;
    }
    if (best.empty()) {  // nothing shadowed: a file of the highest layer below the top that has one
        for (size_t li = layers.size() >= 2 ? layers.size() - 1 : 1; li-- > 0 && best.empty();) {
            std::vector<std::string> names;
            for (const Entry& e : layers[li].layer->entries())
                if (e.type == EntryType::file) names.push_back(store.paths.str(e.path));
            if (!names.empty()) best = *std::min_element(names.begin(), names.end());
        }
    }
    if (best.empty()) return cannot("no layer holds a file to look up");
    Question q;
    q.kind = QuestionKind::lookup_layer;
    q.path = best;
    q.prompt = "Which layer will a lookup of " + best + " find it in" +
               (lab.lookup_in_container() ? " (from the running container)?" : "?");
    q.how = "click the slab (or: not found)";
    return q;
}

Result<Question> make_container_question(const lab::Lab& lab, QuestionKind kind) {
    if (lab.layers().empty()) return cannot("the image has no layers yet: step past FROM first");
    if (!has_shell(lab)) return cannot("this image has no shell (/bin/sh): a container of it cannot run a command");
    std::vector<FileChoice> files = writable_files(lab);
    if (files.empty()) return cannot("the image has no regular file to write to");
    Question q;
    q.kind = kind;
    const FileChoice& f1 = files[0];
    q.path = f1.path;
    q.before = f1.size;
    const std::string append = "echo " + std::string(k_appended) + " >> " + f1.path;
    if (kind == QuestionKind::copy_up_bytes) {
        q.command = append;
        q.prompt = f1.path + " is " + bytes_words(f1.size) + " in " + lab::Lab::layer_label(f1.layer) +
                   ". A new container runs `" + append + "`, which appends " +
                   std::to_string(std::string(k_appended).size() + 1) +
                   " bytes. How many bytes does that write copy up into the container's writable layer?";
        q.how = "a number of bytes, within 10%";
        q.tolerance = k_copy_tolerance;
        return q;
    }
    // docker_diff: change one file, delete another (in another directory if there is one), add a directory
    const FileChoice* f2 = nullptr;
    for (size_t i = 1; i < files.size() && !f2; ++i)
        if (parent_of(files[i].path) != parent_of(f1.path)) f2 = &files[i];
    if (!f2 && files.size() > 1) f2 = &files[1];
    std::string dir = "/quiz";
    for (int n = 2; lab.store().paths.find(dir) != k_no_path && lab.image_at_cursor().find(lab.store().paths.find(dir)); ++n)
        dir = "/quiz" + std::to_string(n);
    q.command = append + (f2 ? " && rm " + f2->path : "") + " && mkdir " + dir + " && echo note > " + dir + "/notes.txt";
    std::set<std::string> paths;
    for (const std::string& p : {f1.path, f2 ? f2->path : f1.path, dir + "/notes.txt"})
        for (std::string a = p; a != "/"; a = parent_of(a)) paths.insert(a);
    q.diff_paths.assign(paths.begin(), paths.end());
    q.prompt = "A new container runs `" + q.command + "`. What will `docker diff` print for each of these paths?";
    q.how = "A, C, D or not listed, for each path";
    return q;
}

}  // namespace

const char* kind_name(QuestionKind k) { return k_kind_names[int(k)]; }

std::optional<QuestionKind> kind_from_name(std::string_view name) {
    for (int i = 0; i < k_question_kinds; ++i)
        if (name == k_kind_names[i]) return QuestionKind(i);
    return std::nullopt;
}

Result<Question> make_question(const lab::Lab& lab, QuestionKind kind) {
    Result<Question> q = cannot("unknown kind");
    switch (kind) {
        case QuestionKind::adds_layer:
        case QuestionKind::image_size: q = make_step_question(lab, kind); break;
        case QuestionKind::lookup_layer: q = make_lookup_question(lab); break;
        case QuestionKind::copy_up_bytes:
        case QuestionKind::docker_diff: q = make_container_question(lab, kind); break;
    }
    if (q) q->revision = lab.revision();
    return q;
}

Answer reveal(lab::Lab& lab, const Question& q) {
    Answer t;
    switch (q.kind) {
        case QuestionKind::adds_layer:
        case QuestionKind::image_size: {
            while (lab.cursor() <= q.step && lab.step()) {
            }
            const build::Step& st = lab.steps()[q.step];
            t.yes = !st.empty_layer && st.layer != nullptr;
            t.bytes = lab.image_at_cursor().size();
            break;
        }
        case QuestionKind::lookup_layer: {
            const lab::LookupReport& r = lab.lookup(q.path);
            t.layer = r.trace.result == Errc::ok ? r.trace.hit_layer : k_no_layer;
            break;
        }
        case QuestionKind::copy_up_bytes:
        case QuestionKind::docker_diff: {
            lab.start_container();
            lab::ExecResult r = lab.exec(q.command);
            t.bytes = r.bytes_copied_up;
            for (const DiffLine& d : lab.diff()) t.lines.push_back(std::string(1, d.kind) + " " + d.path);
            t.lines = normalized_lines(std::move(t.lines));
            break;
        }
    }
    return t;
}

std::vector<std::string> normalized_lines(std::vector<std::string> lines) {
    for (std::string& l : lines) {
        while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
        while (!l.empty() && l.front() == ' ') l.erase(l.begin());
    }
    lines.erase(std::remove(lines.begin(), lines.end(), std::string()), lines.end());
    std::sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
        std::string_view pa = a.size() > 2 ? std::string_view(a).substr(2) : a, pb = b.size() > 2 ? std::string_view(b).substr(2) : b;
        return pa != pb ? pa < pb : a < b;
    });
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
}

namespace {

bool within(uint64_t given, uint64_t truth, double tolerance) {
    const double d = std::fabs(double(given) - double(truth));
    return d <= tolerance * double(truth) + 0.5;
}

std::string lines_words(const std::vector<std::string>& lines) {
    if (lines.empty()) return "(nothing)";
    std::string s;
    for (const std::string& l : lines) s += (s.empty() ? "" : "\n") + l;
    return s;
}

}  // namespace

Verdict check(const Question& q, const Answer& given, const Answer& truth) {
    Verdict v;
    v.given = given;
    v.truth = truth;
    switch (q.kind) {
        case QuestionKind::adds_layer:
            v.correct = given.yes == truth.yes;
            v.yours = given.yes ? "yes, a layer" : "no layer";
            v.right = truth.yes ? "yes: it added a layer" : "no: it added no layer";
            v.why = truth.yes ? "A step that changes files (RUN, COPY, ADD) adds one layer holding what it changed."
                              : "A step that changes only the image's settings (ENV, CMD, EXPOSE, LABEL, ...) or no "
                                "file adds no layer: it is a line in the history and the config.";
            break;
        case QuestionKind::image_size:
            v.correct = within(given.bytes, truth.bytes, q.tolerance);
            v.yours = "about " + format_bytes(given.bytes);
            v.right = format_bytes(truth.bytes) + (truth.bytes >= q.before && q.before
                                                       ? " (+" + format_bytes(truth.bytes - q.before) + ")"
                                                       : std::string());
            v.why = "An image's size is the sum of its layers' sizes: a step adds what its layer holds (whole files) "
                    "and never takes anything away.";
            break;
        case QuestionKind::copy_up_bytes:
            v.correct = within(given.bytes, truth.bytes, q.tolerance);
            v.yours = bytes_words(given.bytes);
            v.right = bytes_words(truth.bytes);
            v.why = truth.bytes >= q.before && q.before
                        ? "Before the first write, overlayfs copies the whole file up into the container's writable "
                          "layer, however few bytes change."
                        : "The write copied up less than the whole file: the command did not write it (see the "
                          "terminal).";
            break;
        case QuestionKind::docker_diff:
            v.correct = normalized_lines(given.lines) == truth.lines;
            v.yours = lines_words(normalized_lines(given.lines));
            v.right = lines_words(truth.lines);
            v.why = "docker diff lists the container's writable layer: A added, D deleted (a whiteout hides it), "
                    "C changed, and every directory above a change is C too (it was copied up to hold it).";
            break;
        case QuestionKind::lookup_layer:
            v.correct = given.layer == truth.layer;
            v.why = "A lookup searches the layers from the top down and stops at the first one that has the path, "
                    "or a whiteout that hides it: a higher copy shadows every lower one.";
            break;
    }
    return v;
}

// ---- the Quiz

Status Quiz::ask(const lab::Lab& lab, QuestionKind kind) {
    Result<Question> q = make_question(lab, kind);
    if (!q) return q.error();
    m_pending = std::move(q.value());
    m_next_kind = (int(kind) + 1) % k_question_kinds;
    ++m_serial;
    return {};
}

Status Quiz::ask_next(const lab::Lab& lab) {
    std::string whys;
    for (int i = 0; i < k_question_kinds; ++i) {
        QuestionKind k = QuestionKind((m_next_kind + i) % k_question_kinds);
        Result<Question> q = make_question(lab, k);
        if (q) return ask(lab, k);
        whys += std::string(whys.empty() ? "" : "; ") + kind_name(k) + ": " + q.error().message;
    }
    return cannot("no question can be asked now (" + whys + ")");
}

Status Quiz::ask_for_step(const lab::Lab& lab) {
    std::optional<size_t> n = next_step(lab);
    if (!n) return cannot("there is no next step");
    const build::Step& st = lab.steps()[*n];
    const bool fs = st.kind == dockerfile::Kind::Run || st.kind == dockerfile::Kind::Copy || st.kind == dockerfile::Kind::Add;
    const bool size = st.kind == dockerfile::Kind::From || (fs && *n % 2 == 0);
    return ask(lab, size ? QuestionKind::image_size : QuestionKind::adds_layer);
}

Result<Verdict> Quiz::answer(lab::Lab& lab, const Answer& a) {
    if (!m_pending) return cannot("no question is open: ask one first");
    Question q = std::move(*m_pending);
    m_pending.reset();
    ++m_serial;
    if (q.revision != lab.revision())
        return cannot("the Lab changed after the question was asked (a step, an edit or a command): ask again");
    Answer truth = reveal(lab, q);
    Verdict v = check(q, a, truth);
    if (q.kind == QuestionKind::lookup_layer) {
        v.yours = layer_words(lab, a.layer);
        v.right = layer_words(lab, truth.layer);
    }
    ++m_asked;
    if (v.correct) ++m_right;
    m_last_q = std::move(q);
    m_last = v;
    return v;
}

}  // namespace ll::lesson
