// ui.h: the ImGui front end. One window per file (ui_<window>.cpp), each a
// draw_<window>() function declared here; ui::draw() lays them out and calls
// them in order. Windows hold only UI state (in UiState: selections,
// animation clocks, caches of what they show) plus a pointer to the model,
// the lab::Lab; they change the model only through the Lab's commands, the
// same ones the JS API and the tests use. No SDL, no emscripten here.
//
//   ┌ menu: Samples · Edit · View · Help ─────────────────────────────────────┐
//   │ step deck: ⏮ ◀ ▶ ⏯ ⏭ speed · timeline of steps (click to jump)          │
//   ├ Dockerfile editor ──┬ layer stack ───────┬ Files | Lookup | Container ──┤
//   │ colours, current    │ slabs, base at the │ merged view / changeset,     │
//   │ line, errors, cache │ bottom; containers │ lookup descent, terminal,    │
//   │ status per line     │ on top; copy-ups   │ docker diff, commit          │
//   ├ narration ──────────┴────────────────────┴ image summary ──────────────┤
//   └──────────────────────────────────────────────────────────────────────────┘
//
// Keys (when no text field has the focus and Tab navigation is not on):
// ←/→ back/step, Space run/pause, Home reset, End run to the end;
// Ctrl+Enter in the editor rebuilds; Tab moves through the widgets, Esc
// returns the arrows to the step deck.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct ImFont;

namespace ll::lab {
class Lab;
}
namespace ll {
struct FsTree;           // core/fs_tree.h
struct ImageComparison;  // core/image_compare.h
}  // namespace ll
namespace ll::host {
struct Xray;
}

namespace ll::ui {

// Fonts built by the app (src/app/fonts.cpp), crisp at the screen's pixel ratio.
struct UiFonts {
    ImFont* ui = nullptr;    // Inter: labels, text
    ImFont* mono = nullptr;  // JetBrains Mono: Dockerfiles, paths, shell output
};

// What the platform offers the UI (set by src/app; null natively when absent).
struct UiHooks {
    void (*announce)(const char* text) = nullptr;  // ARIA live region
    void (*document_changed)(const char* sample, const char* dockerfile, bool edited) = nullptr;
    void (*share_link)() = nullptr;  // page: make and show a share link
    void (*open_image_file)() = nullptr;  // page: the file picker for an image tar (Lab::import_image)
    // page: the Documents menu's choices: "open" (id), "delete" (id), "new"
    void (*document_action)(const char* action, const char* id) = nullptr;
    void (*lesson_done)(const char* name) = nullptr;  // page: keep the lesson's progress (localStorage)
};

// The student's documents, kept by the page in localStorage
// (web/layerlab-api.js); the page sends the list through the bridge
// ("ui.documents") and the Documents menu shows it.
struct DocumentEntry {
    std::string id, name;
};
struct DocumentsState {
    std::vector<DocumentEntry> list;
    std::string current;       // id of the open document, empty: a sample as shipped
    std::string current_name;  // shown at the right of the menu bar
    int max = 0;               // how many the page keeps at most
};

// A screen rectangle in logical pixels (CSS px in the browser), published
// for tests: the bridge returns them by name ("deck.step", "timeline.3", ...).
struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

// ---- per-window state --------------------------------------------------------

// The inspector's tabs, in their order on screen (ui.cpp draw_inspector); the
// bridge sends them to JS as their numbers ("ui.state", "ui.tab").
enum class InspectorTab : int { files, lookup, container, tree, compare, xray };
inline constexpr int k_inspector_tab_count = 6;
// The phone layout's four tabs (ui_phone.cpp, k_phone_tabs), in their order on screen.
enum class PhoneTab : int { dockerfile, layers, inspect, narration };
// What the Files tab lists.
enum class FilesMode : int { merged, layer_changes };

struct EditorState {
    std::string buffer;               // what the InputText edits (Dockerfile or a context file)
    std::string file = "Dockerfile";  // which file the editor shows
    uint64_t doc_revision = 0;        // the Lab's document the buffer was taken from
    double last_edit = -1;            // ImGui time of the last keystroke (debounced rebuild)
    bool dirty = false;               // buffer differs from the Lab's text
    bool refocus = false;             // Ctrl+Enter rebuilt: give the focus back
    int hover_line = 0;               // 1-based line under the mouse, 0 = none
};

struct DeckState {
    bool running = false;       // Run: steps on its own, one per interval
    float speed = 1.0f;         // animation and run speed, 0.25..4
    double next_auto_step = 0;  // ImGui time of the next automatic step
    bool work_shown = false;    // the deck has drawn what Lab::work() runs next
    int arrow_down_frames[2] = {0, 0};  // frames the Right / Left arrow has been held (ui.cpp handle_keys)
};

struct SlabAnim {
    double appear = 0;  // ImGui time the slab started sliding in
};

struct CopyAnim {  // a copy-up or a whiteout flying to the container
    enum class Kind : uint8_t { copy_up, whiteout, create } kind = Kind::copy_up;
    uint32_t from_layer = 0;
    uint64_t bytes = 0;
    uint64_t changed = 0;   // bytes the write changed (copy-up), 0 if unknown
    bool appended = false;  // ... by appending them
    std::string path;
    double start = 0;
    int order = 0;  // staggers several events
};

struct FileRow {
    uint32_t path = 0;   // PathId
    uint32_t layer = 0;  // provider layer (or k_upper_layer)
    uint64_t size = 0;
    uint8_t type = 0;    // EntryType
    uint8_t copies = 0;  // layers holding this path (shadowed copies + 1)
    char mark = ' ';     // changeset: 'A', 'M', 'D' (whiteout), 'O' (opaque dir)
};

struct FilesState {
    FilesMode mode = FilesMode::merged;
    std::vector<FileRow> rows;       // all rows of the current source, unsorted
    std::vector<uint32_t> order;     // indexes into rows: filtered and sorted
    std::vector<std::string> names;  // path text per row (built once per source)
    uint64_t source_key = 0;         // what `rows` were built from
    char filter[256] = {};
    std::string applied_filter;
    int sort_column = 1;  // 1 path, 2 size, 3 layer
    bool sort_descending = false;
    bool order_dirty = true;
    int selected = -1;  // index into rows
    uint32_t hovered_path = 0xffffffffu;
    float build_ms = 0;  // time spent building rows (shown in a tooltip)
};

// The Lookup tab animates the Lab's lookup report (lab::Lab::last_lookup()):
// the UI keeps only which report it shows and when its descent began.
struct LookupState {
    char input[512] = "/";
    uint64_t serial = 0;  // the report being shown (Lab::lookup_serial() when it was made); 0 = none
    double start = -1;    // ImGui time the descent began
};

struct ContainerUiState {
    char input[1024] = {};
    std::vector<std::string> history;
    int history_pos = -1;
    bool scroll_to_bottom = false;
    bool focus_input = false;
    size_t seen_log = 0;
};

// The Lesson window and the lesson map (ui_lessons.cpp); the lesson itself is the Lab's course.
struct LessonUiState {
    std::string open_name;     // the lesson this state belongs to
    int hints_shown = 0;       // hints revealed so far
    bool scroll_hint = false;  // scroll the text to the hint just revealed
    bool showed = false;       // "Show me" was pressed
    bool show_map = false;     // the lesson map is open
    float goal_h = 120.0f;     // the goal box's height last frame (its child window is sized to it)
    std::string announced;     // the lesson whose met goal was announced
};

// The Question window (ui_quiz.cpp): the answer being made; the question itself is the Lab's quiz.
struct QuizUiState {
    char number[32] = {};              // a number being typed (MiB for image sizes, bytes for copy-ups)
    std::map<std::string, char> marks;  // docker diff: path -> 'A', 'C', 'D' or 0 (not listed)
    int pick = -2;                      // a slab clicked for a lookup question (-1 the container), -2 none
    bool show_verdict = false;          // the last verdict is on screen
    std::string error;                  // why no question could be asked or answered
    uint64_t seen_serial = 0;           // the Quiz's serial last drawn
    float content_h = 200.0f;           // the window's content height last frame (ui.cpp sizes it to fit)
};

// The X-ray tab (ui_xray.cpp): the host's view, made again when the Lab's revision moves.
struct XrayState {
    uint64_t revision = 0;
    std::shared_ptr<host::Xray> xray;
};

// The Tree tab (ui_tree.cpp): the file system at the cursor as a dive-like
// tree, of the whole stack or of one layer's changes, sorted by name or size.
struct TreeUiState {
    int source = -1;           // -1 the merged view, else a layer index
    int seen_selected = -1;    // follows a slab clicked in the stack
    bool by_size = true;       // dive users asked for size order (dive#89)
    uint64_t key = 0;          // what `tree` was built from (revision, source, order)
    std::shared_ptr<const FsTree> tree;
    float build_ms = 0;
};

// The Compare tab (ui_compare.cpp): the image kept as A against the one at
// the cursor (B): shared layers, sizes, the files that differ.
struct CompareUiState {
    uint64_t key = 0;                  // Lab revision the comparison was made at
    std::shared_ptr<const ImageComparison> result;
};

struct UiState {
    lab::Lab* lab = nullptr;  // the model (owned by the app)
    UiHooks hooks;
    bool quit_requested = false;  // File > Quit (native); the app loop stops
    bool show_about = false;
    bool show_help = false;
    bool show_imgui_demo = false;  // debug builds only
    bool reduced_motion = false;   // the page asked for it: no sliding, no flying
    // the phone layout (below k_phone_width CSS px, ui.cpp): one column, four tabs (ui_phone.cpp)
    bool phone = false;
    PhoneTab phone_tab = PhoneTab::dockerfile;
    const void* drag_window = nullptr;  // the window a finger went down on (drag to scroll)
    bool drag_scrolling = false;    // that drag scrolls it
    float touch_scrolled = 0;       // CSS px scrolled by dragging, in all (for tests)

    // cross-window hover and selection. Windows write the *_next values
    // while drawing; draw() moves them into the read values at the start of
    // the next frame, so a window drawn early still sees a later one's hover.
    int hover_step = -1, hover_step_next = -1;                         // step hovered (editor line, timeline)
    int hover_layer = -1, hover_layer_next = -1;                       // slab hovered
    uint32_t hover_path = 0xffffffffu, hover_path_next = 0xffffffffu;  // file hovered in Files
    int selected_layer = -1;                                           // slab clicked (Files: its changeset)
    InspectorTab inspector_tab = InspectorTab::files;
    bool switch_tab = false;  // select inspector_tab next frame

    double last_activity = 0;  // ImGui time of the last input or model change (idle work waits)

    // change detection: animations start when the model moves
    uint64_t seen_revision = 0;
    size_t seen_cursor = 0;
    std::vector<const void*> seen_layers;  // layer identities shown last frame
    uint64_t seen_narration = 0;
    uint64_t seen_doc = 0;
    uint64_t seen_exec = 0;    // Lab::exec_serial() last animated (ui.cpp detect_exec)
    uint64_t seen_lookup = 0;  // Lab::lookup_serial() last animated (ui.cpp detect_lookup)
    bool style_applied = false;  // ours, once (ui.cpp apply_style)

    EditorState editor;
    DeckState deck;
    std::map<const void*, SlabAnim> slabs;  // by layer identity
    double ghost_start = -1;                // a step that made no layer: when it was shown
    std::vector<CopyAnim> copies;           // current copy-up / whiteout animations
    FilesState files;
    LookupState lookup;
    ContainerUiState term;
    TreeUiState tree;
    CompareUiState compare;
    DocumentsState documents;
    LessonUiState lesson;
    QuizUiState quiz;
    XrayState xray;

    // published for tests (bridge: layerlab.ui.rect(name))
    std::map<std::string, Rect> rects;
    // ms spent building the last frames' ImGui UI (smoothed), for the README figure
    float ui_ms = 0;
};

// All windows, once per frame (between ImGui::NewFrame and ImGui::Render).
void draw(UiState& state, const UiFonts& fonts);

// One function per window file, each drawn into the rectangle ui.cpp gives it:
void draw_editor(UiState& state, const UiFonts& fonts, Rect area);     // ui_editor.cpp
void draw_stepdeck(UiState& state, const UiFonts& fonts, Rect area);   // ui_stepdeck.cpp
void draw_layers(UiState& state, const UiFonts& fonts, Rect area);     // ui_layers.cpp
void draw_files(UiState& state, const UiFonts& fonts);                 // ui_files.cpp (inspector tab)
void draw_lookup(UiState& state, const UiFonts& fonts);                // ui_lookup.cpp (inspector tab)
void draw_container(UiState& state, const UiFonts& fonts);             // ui_container.cpp (inspector tab)
void draw_tree(UiState& state, const UiFonts& fonts);                  // ui_tree.cpp (inspector tab)
void draw_compare(UiState& state, const UiFonts& fonts);               // ui_compare.cpp (inspector tab)
void draw_xray(UiState& state, const UiFonts& fonts);                  // ui_xray.cpp (inspector tab)
void draw_narration(UiState& state, const UiFonts& fonts, Rect area);  // ui_narration.cpp
void draw_summary(UiState& state, const UiFonts& fonts, Rect area);    // ui_summary.cpp
void draw_lesson(UiState& state, const UiFonts& fonts, Rect area);     // ui_lessons.cpp (above the editor)
void draw_lessons_menu(UiState& state);                                // ui_lessons.cpp (menu bar)
void draw_lesson_map(UiState& state);                                  // ui_lessons.cpp (a window over all)
void draw_quiz(UiState& state, const UiFonts& fonts, Rect area);       // ui_quiz.cpp (above the editor)
void draw_quiz_menu(UiState& state);                                   // ui_quiz.cpp (menu bar)
void draw_phone_tabs(UiState& state, Rect area);                      // ui_phone.cpp (phone layout)
// The phone's stand-in for a tab bar (ui_phone.cpp): `n` buttons, `per_row` a row, across the
// window; each published as prefix + name. Returns the tapped one, or -1.
int draw_phone_tab_grid(UiState& state, const char* const names[], int n, int per_row, int current,
                        const std::string& prefix);
inline constexpr int k_phone_tab_count = 4;
extern const char* const k_phone_tabs[k_phone_tab_count];              // "Dockerfile", "Layers", ...
bool quiz_visible(const UiState& state);                               // ui_quiz.cpp: a question or verdict to show
bool quiz_wants_slab(const UiState& state);                            // ui_quiz.cpp: a click on a slab answers

// Commands shared by several windows (ui.cpp): they drive the Lab and keep
// the UI's state in step (animations, selections).
void cmd_step(UiState& state);
void cmd_back(UiState& state);
void cmd_reset(UiState& state);
void cmd_run_to_end(UiState& state);
void cmd_toggle_run(UiState& state);
void cmd_goto(UiState& state, size_t n);
void cmd_load_sample(UiState& state, const std::string& name);
void cmd_lookup(UiState& state, const std::string& path);

}  // namespace ll::ui
