#include "app/bridge.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/image_stream.h"
#include "core/lab/api.h"
#include "core/lab/lab.h"
#include "core/lesson/lesson.h"
#include "ui/ui.h"

#ifndef __EMSCRIPTEN__
#include <filesystem>
#endif

namespace {
ll::lab::Lab* g_lab = nullptr;
ll::ui::UiState* g_ui = nullptr;
std::string g_result;      // the last ll_call's JSON (or message)
std::string g_result_code = "refused";  // a refused call's stable code (ApiError::code)
std::string g_last_error;  // the bridge's state lives here, nowhere else
std::unique_ptr<ll::ImageImport> g_import;  // openImage's sliced import, between ll_import_begin and _finish
std::string g_import_name;

// Calls the UI understands beyond the Lab's own (api.h): widget rectangles
// for tests, the UI's frame cost, the inspector tab.
[[maybe_unused]] bool ui_call(const std::string& method, const nlohmann::json& args, nlohmann::json& out) {
    if (!g_ui) return false;
    if (method == "ui.rects") {
        out = nlohmann::json::object();
        for (const auto& [name, r] : g_ui->rects) out[name] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
        return true;
    }
    if (method == "ui.state") {
        out = {{"ui_ms", g_ui->ui_ms},
               {"inspector_tab", int(g_ui->inspector_tab)},
               {"selected_layer", g_ui->selected_layer},
               {"running", g_ui->deck.running},
               {"speed", g_ui->deck.speed},
               {"reduced_motion", g_ui->reduced_motion},
               {"editor_file", g_ui->editor.file},
               {"editor_dirty", g_ui->editor.dirty},
               {"tree_by_size", g_ui->tree.by_size},
               {"tree_source", g_ui->tree.source},
               {"quiz_shown", ll::ui::quiz_visible(*g_ui)},
               {"quiz_verdict_shown", g_ui->quiz.show_verdict},
               {"layout", g_ui->phone ? "phone" : "desktop"},
               {"phone_tab", int(g_ui->phone_tab)},
               {"touch_scrolled", g_ui->touch_scrolled}};
        return true;
    }
    if (method == "ui.tab") {
        int t = args.value("tab", 0);
        g_ui->inspector_tab = ll::ui::InspectorTab(std::clamp(t, 0, ll::ui::k_inspector_tab_count - 1));
        g_ui->switch_tab = true;
        out = nullptr;
        return true;
    }
    if (method == "ui.documents") {  // the page's kept documents, for the Documents menu
        ll::ui::DocumentsState d;
        if (args.contains("docs") && args["docs"].is_array())
            for (const auto& e : args["docs"])
                if (e.is_object()) d.list.push_back({e.value("id", std::string()), e.value("name", std::string())});
        d.current = args.value("current", std::string());
        d.current_name = args.value("current_name", std::string());
        d.max = args.value("max", 0);
        g_ui->documents = std::move(d);
        out = nullptr;
        return true;
    }
    if (method == "ui.speed") {
        g_ui->deck.speed = std::clamp(args.value("speed", 1.0f), 0.25f, 4.0f);
        out = nullptr;
        return true;
    }
    return false;
}

[[maybe_unused]] int do_call(const char* method, const char* args) {
    return ll::bridge::guarded([&]() -> int {
        if (!g_lab) throw std::runtime_error("the app is not running yet");
        nlohmann::json a = nlohmann::json::object();
        if (args && *args) {
            a = nlohmann::json::parse(args, nullptr, false);
            if (a.is_discarded()) {
                g_result = "the arguments are not valid JSON";
                return 1;
            }
        }
        try {
            nlohmann::json out;
            std::string m = method ? method : "";
            if (!ui_call(m, a, out)) out = ll::lab::call(*g_lab, m, a);
            g_result = ll::lab::dump(out);
            return 0;
        } catch (const ll::lab::ApiError& e) {
            g_result = e.what();
            g_result_code = e.code;
            return 1;
        }
    });
}
}  // namespace

#ifdef __EMSCRIPTEN__
#include <SDL.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::InputEventsQueue: input the UI has not seen yet

namespace {
uint64_t g_frames = 0;             // read by JS between frames
uint64_t g_frames_painted = 0;     // of those, sent to the GPU
bool g_throw_next_frame = false;  // ll_selftest_frame_exception()
}  // namespace

// clang-format off
EM_JS(void, ll_js_first_frame, (), {
    if (Module['layerlabFirstFrame']) Module['layerlabFirstFrame']();
});
EM_JS(void, ll_js_error, (const char* msg), {
    var text = UTF8ToString(msg);
    if (Module['layerlabError']) Module['layerlabError'](text); else console.error(text);
});
EM_JS(void, ll_js_announce, (const char* msg), {
    var el = document.getElementById('live');
    if (el) el.textContent = UTF8ToString(msg);
});
EM_JS(void, ll_js_document_changed, (const char* sample, const char* text, int edited), {
    if (Module['layerlabDocumentChanged'])
        Module['layerlabDocumentChanged'](UTF8ToString(sample), UTF8ToString(text), !!edited);
});
EM_JS(void, ll_js_document_action, (const char* action, const char* id), {
    if (Module['layerlabDocumentAction']) Module['layerlabDocumentAction'](UTF8ToString(action), UTF8ToString(id));
});
EM_JS(void, ll_js_lesson_done, (const char* name), {
    if (Module['layerlabLessonDone']) Module['layerlabLessonDone'](UTF8ToString(name));
});
EM_JS(void, ll_js_share, (), {
    if (Module['layerlabShare']) Module['layerlabShare']();
});
EM_JS(void, ll_js_open_image_file, (), {
    if (Module['layerlabOpenImageFile']) Module['layerlabOpenImageFile']();
});
// clang-format on

extern "C" {
EMSCRIPTEN_KEEPALIVE double ll_frame_count() { return static_cast<double>(g_frames); }
EMSCRIPTEN_KEEPALIVE double ll_frames_painted() { return static_cast<double>(g_frames_painted); }
// Keys, text and mouse events not yet seen by the UI: SDL's queue (filled by the
// page's DOM handlers between frames) and ImGui's (it takes one press of a key
// per frame, so keys typed faster than frames wait there).
EMSCRIPTEN_KEEPALIVE int ll_input_pending() {
    int n = SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT);
    if (n < 0) n = 0;
    if (ImGuiContext* g = ImGui::GetCurrentContext()) n += g->InputEventsQueue.Size;
    return n;
}
EMSCRIPTEN_KEEPALIVE const char* ll_version() { return LAYERLAB_VERSION; }
EMSCRIPTEN_KEEPALIVE const char* ll_last_error() { return g_last_error.c_str(); }
EMSCRIPTEN_KEEPALIVE int ll_selftest_exception() {
    return ll::bridge::guarded([]() -> int { throw std::runtime_error("self-test: an exception reached the bridge"); });
}
EMSCRIPTEN_KEEPALIVE void ll_selftest_frame_exception() { g_throw_next_frame = true; }
EMSCRIPTEN_KEEPALIVE void* ll_alloc(int n) { return std::malloc(n > 0 ? size_t(n) : 1); }
EMSCRIPTEN_KEEPALIVE void ll_free(void* p) { std::free(p); }
EMSCRIPTEN_KEEPALIVE int ll_add_catalog(const char* name, const char* text) {
    return ll::bridge::guarded([&]() -> int {
        if (g_lab) g_lab->add_catalog(name, text);
        return 0;
    });
}
EMSCRIPTEN_KEEPALIVE int ll_add_sample_file(const char* sample, const char* path, const char* text) {
    return ll::bridge::guarded([&]() -> int {
        if (g_lab) g_lab->add_sample_file(sample, path, text);
        return 0;
    });
}
EMSCRIPTEN_KEEPALIVE int ll_finish_assets() {
    return ll::bridge::guarded([&]() -> int {
        if (!g_lab) return -1;
        ll::Status s = g_lab->finish_assets();
        g_result = s ? std::string() : s.error().message;
        return s ? 0 : 1;
    });
}
// Catalogs fetched after the first ones (a base a FROM named, the apt index):
// Lab::finish_more_assets. 0 ok, 1 some failed (the message in ll_result).
EMSCRIPTEN_KEEPALIVE int ll_finish_more_assets() {
    return ll::bridge::guarded([&]() -> int {
        if (!g_lab) return -1;
        ll::Status s = g_lab->finish_more_assets();
        g_result = s ? std::string() : s.error().message;
        return s ? 0 : 1;
    });
}
// The catalog files a FROM needed that are not loaded yet, one per line ("" none).
EMSCRIPTEN_KEEPALIVE const char* ll_missing_catalogs() {
    static std::string out;
    out.clear();
    if (g_lab)
        for (const std::string& f : g_lab->missing_catalogs()) out += f + "\n";
    return out.c_str();
}
EMSCRIPTEN_KEEPALIVE int ll_call(const char* method, const char* args) { return do_call(method, args); }
// An image file of the student's own, a slice per frame (web/layerlab-api.js
// openImage; Lab::import_image does it in one call): begin with the file's name and size
// (refused above Lab::k_max_import_bytes before a byte is read), feed each
// slice (ll_result: the progress as JSON), finish (ll_result: the state). An
// error ends the import: 1, the reason in ll_result and its code.
int import_failed(const ll::Error& e) {
    g_import.reset();
    g_result = e.describe();
    g_result_code = ll::errc_name(e.code);
    return 1;
}
EMSCRIPTEN_KEEPALIVE int ll_import_begin(const char* name, double size) {
    return ll::bridge::guarded([&]() -> int {
        if (!g_lab) return -1;
        g_import_name = name && *name ? name : "image.tar";
        ll::Status ok = ll::check_import_size(uint64_t(size), ll::lab::Lab::k_max_import_bytes, g_import_name);
        if (!ok) return import_failed(ok.error());
        g_import = std::make_unique<ll::ImageImport>(g_lab->store(), ll::ImportOptions{}, g_import_name);
        return 0;
    });
}
EMSCRIPTEN_KEEPALIVE int ll_import_feed(const char* bytes, double size) {
    return ll::bridge::guarded([&]() -> int {
        if (!g_import) return import_failed(ll::make_error(ll::Errc::unsupported, "no import under way"));
        if (ll::Status st = g_import->feed(std::string_view(bytes, size_t(size))); !st) return import_failed(st.error());
        const ll::ImageImport::Progress& p = g_import->progress();
        g_result = nlohmann::json{{"bytes_in", p.bytes_in},       {"layers_read", p.layers_read},
                                  {"layer_bytes", p.layer_bytes}, {"files_read", p.files_read},
                                  {"compressed", p.compressed},   {"last", p.last}}
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return 0;
    });
}
EMSCRIPTEN_KEEPALIVE int ll_import_finish() {
    return ll::bridge::guarded([&]() -> int {
        if (!g_lab || !g_import) return import_failed(ll::make_error(ll::Errc::unsupported, "no import under way"));
        ll::Result<ll::ImportedImage> r = g_import->finish();
        g_import.reset();
        if (!r) return import_failed(r.error());
        g_lab->open_imported(std::move(r.value()), g_import_name);
        g_result = ll::lab::dump(ll::lab::call(*g_lab, "state", nlohmann::json::object()));
        return 0;
    });
}
EMSCRIPTEN_KEEPALIVE void ll_import_cancel() { g_import.reset(); }
EMSCRIPTEN_KEEPALIVE const char* ll_result() { return g_result.c_str(); }
EMSCRIPTEN_KEEPALIVE const char* ll_result_code() { return g_result_code.c_str(); }
// For the page's change events (layerlab.on('change')): cheap reads, once per frame.
EMSCRIPTEN_KEEPALIVE double ll_revision() { return g_lab ? static_cast<double>(g_lab->revision()) : -1.0; }
EMSCRIPTEN_KEEPALIVE double ll_cursor() { return g_lab ? static_cast<double>(g_lab->cursor()) : 0.0; }
EMSCRIPTEN_KEEPALIVE const char* ll_narration() {
    const ll::lab::Narration* n = g_lab ? g_lab->last_narration() : nullptr;
    return n ? n->text.c_str() : "";
}
EMSCRIPTEN_KEEPALIVE void ll_set_reduced_motion(int on) {
    if (g_ui) g_ui->reduced_motion = on != 0;
}
}

namespace ll::bridge {
void on_frame_drawn(uint64_t frames, uint64_t painted) {
    g_frames = frames;
    g_frames_painted = painted;
    if (frames == 1) ll_js_first_frame();
}
void report_fatal(const char* message) { ll_js_error(message); }
void frame_selftest() {
    if (!g_throw_next_frame) return;
    g_throw_next_frame = false;
    std::string what = "self-test: an exception escaped a frame";  // a destructor on the unwound path
    throw std::runtime_error(what);
}
void announce(const char* text) { ll_js_announce(text); }
void set_last_error(std::string message) { g_last_error = std::move(message); }
ui::UiHooks hooks() {
    ui::UiHooks h;
    h.announce = &announce;
    h.document_changed = [](const char* sample, const char* text, bool edited) {
        ll_js_document_changed(sample, text, edited ? 1 : 0);
    };
    h.share_link = [] { ll_js_share(); };
    h.open_image_file = [] { ll_js_open_image_file(); };
    h.document_action = [](const char* action, const char* id) { ll_js_document_action(action, id); };
    h.lesson_done = [](const char* name) { ll_js_lesson_done(name); };
    return h;
}
}  // namespace ll::bridge

#else

namespace ll::bridge {
void on_frame_drawn(uint64_t, uint64_t) {}
void report_fatal(const char* message) { std::fprintf(stderr, "layerlab_app: %s\n", message); }
void frame_selftest() {}
void announce(const char*) {}
void set_last_error(std::string message) {
    g_last_error = message;
    std::fprintf(stderr, "layerlab_app: %s\n", message.c_str());
}
ui::UiHooks hooks() { return ui::UiHooks{}; }
}  // namespace ll::bridge

#endif

namespace ll::bridge {

void attach(lab::Lab* lab, ui::UiState* ui) {
    g_lab = lab;
    g_ui = ui;
}

bool load_assets_from_dir(lab::Lab& lab, const std::string& dir, std::string* error) {
#ifdef __EMSCRIPTEN__
    (void)lab;
    (void)dir;
    if (error) *error = "the page fetches its assets itself";
    return false;
#else
    namespace fs = std::filesystem;
    auto read = [](const fs::path& p, std::string& out) {
        std::ifstream in(p, std::ios::binary);
        if (!in) return false;
        std::ostringstream ss;
        ss << in.rdbuf();
        out = ss.str();
        return true;
    };
    std::error_code ec;
    fs::path root(dir);
    for (const auto& e : fs::directory_iterator(root / "catalog", ec)) {
        if (e.path().extension() != ".txt") continue;
        std::string text;
        if (read(e.path(), text)) lab.add_catalog(e.path().filename().string(), std::move(text));
    }
    if (ec) {
        if (error) *error = (root / "catalog").string() + ": " + ec.message();
        return false;
    }
    std::string index_text;
    if (!read(root / "samples" / "index.json", index_text)) {
        if (error) *error = (root / "samples" / "index.json").string() + ": cannot read it";
        return false;
    }
    nlohmann::json index = nlohmann::json::parse(index_text, nullptr, false);
    if (index.is_discarded() || !index.contains("samples")) {
        if (error) *error = "assets/samples/index.json is not valid";
        return false;
    }
    for (const auto& s : index["samples"]) {
        std::string name = s.value("name", "");
        for (const auto& f : s["files"]) {
            std::string text;
            if (read(root / "samples" / name / f.get<std::string>(), text))
                lab.add_sample_file(name, f.get<std::string>(), std::move(text));
        }
    }
    Status st = lab.finish_assets();
    if (!st && error) *error = st.error().message;
    // the lessons (assets/lessons/index.json), as the page hands them over with addLesson
    std::string lessons_text;
    nlohmann::json lessons = read(root / "lessons" / "index.json", lessons_text)
                                 ? nlohmann::json::parse(lessons_text, nullptr, false)
                                 : nlohmann::json();
    if (lessons.is_object() && lessons.contains("lessons") && lessons["lessons"].is_array())
        for (const auto& l : lessons["lessons"]) {
            std::string name = l.value("name", "");
            std::map<std::string, std::string> files;
            if (l.contains("files") && l["files"].is_array())
                for (const auto& f : l["files"]) {
                    std::string text;
                    if (f.is_string() && read(root / "lessons" / name / f.get<std::string>(), text))
                        files[f.get<std::string>()] = std::move(text);
                }
            Status ls = lab.course().add(name, files);
            if (!ls) std::fprintf(stderr, "layerlab_app: %s\n", ls.error().describe().c_str());
        }
    if (!lab.samples().empty()) (void)lab.load_sample(lab.samples().front().name);
    return true;
#endif
}

}  // namespace ll::bridge
