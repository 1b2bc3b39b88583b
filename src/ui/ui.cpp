// ui.cpp: ui::draw(): the fixed layout, the menu bar, global keys, the
// commands several windows share, and change detection (animations start
// when the model moves, whoever moved it: a click, a key or the JS API).
#include "ui/ui.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdio>

#include "core/lab/lab.h"
#include "core/lesson/lesson.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

constexpr float k_margin = 6.0f;
constexpr float k_phone_width = 700.0f;  // CSS px: a narrower page gets the phone layout (one column, tabs)

// Keys the step deck owns while no text field is active and Tab navigation
// is off: ImGui's keyboard navigation then does not also see them.
const ImGuiKey k_deck_keys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_Space, ImGuiKey_Home, ImGuiKey_End};

ImGuiID deck_key_owner() { return ImHashStr("layerlab/deck-keys"); }

// The desktop's spacing (apply_style), which the phone's replaces while it is shown.
constexpr ImVec2 k_frame_padding(6, 3), k_item_spacing(6, 4);
constexpr float k_scrollbar_size = 12.0f;

void apply_style(UiState& s) {
    if (s.style_applied) return;
    s.style_applied = true;
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 4.0f;
    st.ChildRounding = 3.0f;
    st.FrameRounding = 3.0f;
    st.TabRounding = 3.0f;
    st.GrabRounding = 3.0f;
    st.WindowBorderSize = 0.0f;
    st.WindowPadding = ImVec2(8, 6);
    st.FramePadding = k_frame_padding;
    st.ItemSpacing = k_item_spacing;
    st.ScrollbarSize = k_scrollbar_size;
    ImVec4* c = st.Colors;
    c[ImGuiCol_WindowBg] = to_vec4(col::panel);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TitleBg] = to_vec4(col::rgb(40, 44, 52));
    c[ImGuiCol_TitleBgActive] = to_vec4(col::rgb(46, 52, 64));
    c[ImGuiCol_FrameBg] = to_vec4(col::rgb(24, 26, 31));
    c[ImGuiCol_Tab] = to_vec4(col::rgb(40, 44, 52));
    c[ImGuiCol_TabActive] = to_vec4(col::rgb(52, 80, 124));
    c[ImGuiCol_TabHovered] = to_vec4(col::rgb(64, 100, 150));
    c[ImGuiCol_Header] = to_vec4(col::rgb(48, 70, 104));
    c[ImGuiCol_Button] = to_vec4(col::rgb(50, 56, 68));
    c[ImGuiCol_ButtonHovered] = to_vec4(col::rgb(64, 100, 150));
    c[ImGuiCol_ButtonActive] = to_vec4(col::rgb(77, 120, 190));
    c[ImGuiCol_MenuBarBg] = to_vec4(col::rgb(30, 33, 39));
    c[ImGuiCol_Text] = to_vec4(col::text);
    c[ImGuiCol_TextDisabled] = to_vec4(col::dim);
    c[ImGuiCol_NavHighlight] = to_vec4(col::rgb(255, 200, 80));
}

// The phone layout's style: every frame-high control (buttons, fields, tabs, the menu bar) at
// least k_touch_target CSS px tall; the desktop's style as it was otherwise.
void apply_layout_style(bool phone) {
    ImGuiStyle& st = ImGui::GetStyle();
    st.FramePadding = phone ? ImVec2(8, std::max(3.0f, (k_touch_target - ImGui::GetFontSize()) * 0.5f)) : k_frame_padding;
    st.ItemSpacing = phone ? ImVec2(8, 6) : k_item_spacing;
    st.ScrollbarSize = phone ? 16.0f : k_scrollbar_size;
    set_touch_layout(phone);
}

// The phone: a finger dragged over a window scrolls it (ImGui scrolls only by wheel and
// scrollbar); a lifted finger leaves no hover behind. A drag that began on a button does not press it; text fields, scrollbars, the
// step deck and menus keep their own drags.
void touch_scroll(UiState& s) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiIO& io = ImGui::GetIO();
    // a finger lifted hovers nothing: no tooltip stays under where it was (from the next frame)
    if (io.MouseSource == ImGuiMouseSource_TouchScreen && ImGui::IsMouseReleased(0)) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    if (!s.phone || !io.MouseDown[0]) {
        s.drag_window = nullptr;
        s.drag_scrolling = false;
        return;
    }
    if (ImGui::IsMouseClicked(0)) {
        s.drag_window = g.HoveredWindow;
        s.drag_scrolling = false;
        return;
    }
    ImGuiWindow* w = static_cast<ImGuiWindow*>(const_cast<void*>(s.drag_window));
    if (!w || g.HoveredWindow == nullptr) return;
    if (!s.drag_scrolling) {
        if (!ImGui::IsMouseDragging(0)) return;
        if (w->RootWindow && (w->RootWindow->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_Tooltip)))
            return;
        if (g.ActiveId != 0 && (g.InputTextState.ID == g.ActiveId || g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_Y) ||
                                g.ActiveId == ImGui::GetWindowScrollbarID(w, ImGuiAxis_X)))
            return;
        if (std::string_view(w->RootWindow ? w->RootWindow->Name : w->Name).rfind("Step deck", 0) == 0) return;
        s.drag_scrolling = true;
        ImGui::ClearActiveID();  // the button under the finger is not pressed
    }
    ImGuiWindow* t = w;  // the nearest window that can scroll that way
    const bool vertical = std::fabs(io.MouseDelta.y) >= std::fabs(io.MouseDelta.x);
    while (t && (vertical ? t->ScrollMax.y : t->ScrollMax.x) <= 0.0f && (t->Flags & ImGuiWindowFlags_ChildWindow)) t = t->ParentWindow;
    if (!t) return;
    if (vertical && t->ScrollMax.y > 0.0f) {
        ImGui::SetScrollY(t, std::clamp(t->Scroll.y - io.MouseDelta.y, 0.0f, t->ScrollMax.y));
        s.touch_scrolled += std::fabs(io.MouseDelta.y);
    } else if (!vertical && t->ScrollMax.x > 0.0f) {
        ImGui::SetScrollX(t, std::clamp(t->Scroll.x - io.MouseDelta.x, 0.0f, t->ScrollMax.x));
        s.touch_scrolled += std::fabs(io.MouseDelta.x);
    }
}

// Starts the animations for whatever changed since the last frame.
void detect_changes(UiState& s) {
    lab::Lab& lab = *s.lab;
    if (lab.revision() == s.seen_revision) return;
    const auto& layers = lab.layers();
    std::vector<const void*> ids;
    ids.reserve(layers.size());
    for (const lab::LayerView& l : layers) ids.push_back(l.layer.get());
    const bool advanced = lab.cursor() > s.seen_cursor && s.seen_revision != 0;
    int k = 0;
    for (const void* id : ids) {
        bool seen = std::find(s.seen_layers.begin(), s.seen_layers.end(), id) != s.seen_layers.end();
        if (!seen) {
            // layers that arrive with a step slide in (a FROM brings several: one after the other)
            s.slabs[id].appear = advanced ? now() + dur(s, 0.12) * k++ : -1e9;
        }
    }
    int cur = lab.current_step();
    if (advanced && cur >= 0 && lab.steps()[size_t(cur)].empty_layer) s.ghost_start = now();
    if (cur < 0 || !lab.steps()[size_t(cur)].empty_layer) s.ghost_start = -1;
    if (lab.container_count() == 0) s.copies.clear();
    if (s.selected_layer >= int(layers.size())) {
        s.selected_layer = -1;
        s.files.mode = FilesMode::merged;  // the layer it listed is gone: back to the merged view
    }
    s.seen_layers = std::move(ids);
    s.seen_cursor = lab.cursor();
    s.seen_revision = lab.revision();
    // forget animation clocks of layers nobody shows any more (bounded memory)
    if (s.slabs.size() > 512) s.slabs.clear();
}

void detect_exec(UiState& s) {
    lab::Lab& lab = *s.lab;
    if (lab.exec_serial() == s.seen_exec) return;
    s.seen_exec = lab.exec_serial();
    const lab::ExecResult* r = lab.last_exec();
    if (!r) return;
    const PathTable& paths = lab.store().paths;
    int order = 0;
    for (size_t i = 0; i < r->events.size() && order < 6; ++i) {
        const Event& e = r->events[i];
        CopyAnim a;
        a.path = e.path == k_no_path ? std::string() : paths.str(e.path);
        if (e.kind == EventKind::copy_up && e.bytes > 0) {
            a.kind = CopyAnim::Kind::copy_up;
            a.from_layer = e.layer;
            a.bytes = e.bytes;
            if (const Event* m = change_after_copy_up(r->events, i)) {
                if (m->change == Change::at_offset || m->change == Change::append) a.changed = m->bytes;
                a.appended = m->change == Change::append;
            }
        } else if (e.kind == EventKind::whiteout) {
            a.kind = CopyAnim::Kind::whiteout;
            a.from_layer = e.layer;
            a.bytes = e.bytes;
        } else {
            continue;
        }
        a.start = now() + dur(s, 0.35) * order;
        a.order = order++;
        s.copies.push_back(std::move(a));
    }
    if (s.copies.size() > 12) s.copies.erase(s.copies.begin(), s.copies.begin() + long(s.copies.size() - 12));
    if (s.inspector_tab != InspectorTab::container) {
        s.inspector_tab = InspectorTab::container;
        s.switch_tab = true;
    }
}

// A lookup ran (the Look up button, a double-click in Files, the JS API: all
// call Lab::lookup): animate its descent and show the Lookup tab.
void detect_lookup(UiState& s) {
    lab::Lab& lab = *s.lab;
    if (lab.lookup_serial() == s.seen_lookup) return;
    s.seen_lookup = lab.lookup_serial();
    const lab::LookupReport* r = lab.last_lookup();
    if (!r) return;
    LookupState& L = s.lookup;
    std::snprintf(L.input, sizeof L.input, "%s", r->trace.asked.c_str());
    L.serial = r->serial;
    L.start = now();
    s.inspector_tab = InspectorTab::lookup;
    s.switch_tab = true;
}

void handle_keys(UiState& s) {
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiID owner = deck_key_owner();
    const bool deck_keys = !io.WantTextInput && !io.NavVisible && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup);
    // Held arrows repeat, but only after the key has been down for a few
    // frames: a step can make one frame long (a RUN that installs packages),
    // and a single press must never count twice because of it.
    int* down_frames = s.deck.arrow_down_frames;
    auto arrow = [&](ImGuiKey k, int slot) {
        bool pressed = ImGui::IsKeyPressed(k, owner, ImGuiInputFlags_Repeat);
        if (pressed && ImGui::GetKeyData(k)->DownDuration > 0.0f && down_frames[slot] < 6) pressed = false;
        down_frames[slot] = ImGui::IsKeyDown(k, owner) ? down_frames[slot] + 1 : 0;
        return pressed;
    };
    if (deck_keys) {
        // keys pressed this frame were claimed at the end of the last one
        if (arrow(ImGuiKey_RightArrow, 0)) cmd_step(s);
        if (arrow(ImGuiKey_LeftArrow, 1)) cmd_back(s);
        if (ImGui::IsKeyPressed(ImGuiKey_Space, owner, ImGuiInputFlags_None)) cmd_toggle_run(s);
        if (ImGui::IsKeyPressed(ImGuiKey_Home, owner, ImGuiInputFlags_None)) cmd_reset(s);
        if (ImGui::IsKeyPressed(ImGuiKey_End, owner, ImGuiInputFlags_None)) cmd_run_to_end(s);
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_F1, false)) s.show_help = true;
    if (ImGui::IsKeyPressed(ImGuiKey_F1, false)) s.show_help = !s.show_help;
#ifndef __EMSCRIPTEN__
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Q, false)) s.quit_requested = true;
#endif
}

void claim_keys() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.NavVisible) return;
    for (ImGuiKey k : k_deck_keys) ImGui::SetKeyOwner(k, deck_key_owner());
}

// The student's documents (kept by the page): open one, start a new one, delete one.
void draw_documents_menu(UiState& s) {
    if (!s.hooks.document_action) return;
    const bool open = ImGui::BeginMenu("Documents");
    publish_rect(s, "menu.documents");
    if (!open) return;
    const DocumentsState& d = s.documents;
    if (d.list.empty()) ImGui::MenuItem("(none yet: an edit keeps one)", nullptr, false, false);
    for (const DocumentEntry& e : d.list) {
        std::string label = e.name + "##doc" + e.id;
        if (ImGui::MenuItem(label.c_str(), nullptr, e.id == d.current)) s.hooks.document_action("open", e.id.c_str());
        publish_rect(s, "documents." + e.id);
    }
    ImGui::Separator();
    if (ImGui::MenuItem("New document")) s.hooks.document_action("new", "");
    if (ImGui::MenuItem("Delete this document", nullptr, false, !d.current.empty()))
        s.hooks.document_action("delete", d.current.c_str());
    hover_tooltip("Removes the open document from this browser's storage; the samples stay.");
    ImGui::TextDisabled("kept in this browser: %d of %d", int(d.list.size()), d.max);
    ImGui::EndMenu();
}

void draw_menus(UiState& s) {
    lab::Lab& lab = *s.lab;
    draw_documents_menu(s);
    draw_lessons_menu(s);
    draw_quiz_menu(s);
    if (ImGui::BeginMenu("Samples")) {
        if (lab.samples().empty()) ImGui::MenuItem("(loading samples…)", nullptr, false, false);
        for (const lab::Sample& sm : lab.samples()) {
            std::string label = sm.name.substr(0, 2) + "  " + sm.title;
            if (ImGui::MenuItem(label.c_str(), nullptr, lab.sample_name() == sm.name)) cmd_load_sample(s, sm.name);
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort) && !sm.teaches.empty())
                hover_tooltip(sm.teaches.c_str());
        }
        if (s.hooks.open_image_file) {
            ImGui::Separator();
            if (ImGui::MenuItem("Open an image file (docker save, OCI tar)…")) s.hooks.open_image_file();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
                hover_tooltip("A tar made by docker save, podman save (docker-archive or oci-archive) or an OCI layout, "
                              "up to 512 MiB; or drop one on the page. Its layers become the stack.");
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Build")) {
        if (ImGui::MenuItem("Step", "→")) cmd_step(s);
        if (ImGui::MenuItem("Back", "←")) cmd_back(s);
        if (ImGui::MenuItem(s.deck.running ? "Pause" : "Run", "Space")) cmd_toggle_run(s);
        if (ImGui::MenuItem("Reset", "Home")) cmd_reset(s);
        if (ImGui::MenuItem("Run to the end", "End")) cmd_run_to_end(s);
        ImGui::Separator();
        if (ImGui::MenuItem("Rebuild now", "Ctrl+Enter")) lab.edit(lab.text());
        if (s.hooks.share_link && ImGui::MenuItem("Share a link to this Dockerfile…")) s.hooks.share_link();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Container")) {
        if (ImGui::MenuItem("Start a container")) {
            lab.start_container();
            s.inspector_tab = InspectorTab::container;
            s.switch_tab = true;
        }
        if (ImGui::MenuItem("Commit the container", nullptr, false, lab.current_container() != nullptr)) {
            Status st = lab.commit();
            (void)st;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Reduce motion", nullptr, &s.reduced_motion);
        ImGui::SetNextItemWidth(140);
        ImGui::SliderFloat("Speed", &s.deck.speed, 0.25f, 4.0f, "%.2f×", ImGuiSliderFlags_Logarithmic);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        ImGui::MenuItem("Keys and controls", "F1", &s.show_help);
        ImGui::MenuItem("About layerlab", nullptr, &s.show_about);
#ifndef IMGUI_DISABLE_DEMO_WINDOWS
        ImGui::MenuItem("Dear ImGui demo", nullptr, &s.show_imgui_demo);
#endif
#ifndef __EMSCRIPTEN__
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) s.quit_requested = true;
#endif
        ImGui::EndMenu();
    }
}

void draw_menu(UiState& s) {
    lab::Lab& lab = *s.lab;
    // the phone: items as tall as a finger needs (a menu item's height is the font's plus the spacing)
    if (s.phone) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(12, std::max(4.0f, k_touch_target - ImGui::GetFontSize())));
    if (!ImGui::BeginMainMenuBar()) {
        if (s.phone) ImGui::PopStyleVar();
        return;
    }
    if (s.phone) {  // one menu holds the others: eight would not fit in 390 px
        const bool open = ImGui::BeginMenu("Menu");
        publish_rect(s, "menu.main");
        if (open) {
            draw_menus(s);
            ImGui::EndMenu();
        }
    } else {
        draw_menus(s);
    }
    // the sample's title, right-aligned
    std::string title;
    if (!s.documents.current_name.empty())
        title = s.documents.current_name;
    else if (const lab::Sample* sm = lab.find_sample(lab.sample_name()); sm && !lab.sample_name().empty())
        title = sm->title + (lab.edited() ? "  (edited)" : "");
    else if (!lab.text().empty())
        title = "your Dockerfile";
    if (!title.empty()) {
        title = ellipsize(title, ImGui::GetWindowWidth() - ImGui::GetCursorPosX() - 36);
        float w = ImGui::CalcTextSize(title.c_str()).x;
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 20, ImGui::GetWindowWidth() - w - 16));
        ImGui::TextColored(to_vec4(col::dim), "%s", title.c_str());
    }
    ImGui::EndMainMenuBar();
    if (s.phone) ImGui::PopStyleVar();
}

void draw_help(UiState& s) {
    if (!s.show_help) return;
    ImGui::SetNextWindowSize(ImVec2(520, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Keys and controls", &s.show_help,
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        const char* rows[][2] = {
            {"→  /  ←", "step  /  step back (instant: every step keeps its image)"},
            {"Space", "run / pause (steps on its own at the chosen speed)"},
            {"Home  /  End", "back to the start  /  run to the end"},
            {"Ctrl+Enter", "in the editor: rebuild now (edits also rebuild after a pause)"},
            {"Alt", "the menu bar: Samples, Build, Container, View, Help (arrows, Enter)"},
            {"Ctrl+Tab", "go to the next window (editor, stack, inspector, ...)"},
            {"Tab  /  Shift+Tab", "move through a window's controls; Space or Enter presses one"},
            {"Esc", "leave a text field, or Tab navigation: the arrows step the build again"},
            {"↑  /  ↓", "in the terminal: command history"},
            {"F1", "this window"},
        };
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
            for (auto& r : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r[0]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r[1]);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::TextWrapped(
            "Hover a slab to see its Dockerfile line and files; hover a line to see its slab. "
            "Click a slab to list its own changes in Files. Click a path in Files to look it up.");
        ImGui::Spacing();
        ImGui::TextDisabled("Marks:");
        ImGui::SameLine();
        ImGui::TextColored(to_vec4(col::added), "+A added");
        ImGui::SameLine();
        ImGui::TextColored(to_vec4(col::modified), "~M modified");
        ImGui::SameLine();
        ImGui::TextColored(to_vec4(col::deleted), "%s whiteout (deleted)", k_glyph_whiteout);
        ImGui::SameLine();
        ImGui::TextColored(to_vec4(col::opaque), "%s opaque dir", k_glyph_opaque);
    }
    ImGui::End();
}

void draw_about(UiState& s) {
    if (!s.show_about) return;
    ImGui::SetNextWindowSize(ImVec2(480, 0), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("About layerlab", &s.show_about, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        ImGui::TextWrapped(
            "layerlab shows how container images work: what each Dockerfile step adds as a "
            "layer, how layers stack into one file system (overlayfs), and what copy-on-write "
            "does when a container changes a file. Builds follow Docker with BuildKit on "
            "overlay2; package data is real Debian bookworm data.");
        ImGui::Spacing();
        ImGui::TextDisabled("layerlab %s · Dear ImGui %s", LAYERLAB_VERSION, IMGUI_VERSION);
    }
    ImGui::End();
}

void draw_loading(UiState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.95f);
    ImGui::Begin("##loading", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    const char* spin = "|/-\\";
    int i = int(now() * 8.0) % 4;
    ImGui::Text("Loading package data… %c", spin[i]);
    ImGui::TextDisabled("Debian bookworm packages and base images, fetched after the first frame");
    ImGui::End();
    (void)s;
}

Rect inset(Rect r) { return Rect{r.x + k_margin * 0.5f, r.y + k_margin * 0.5f, r.w - k_margin, r.h - k_margin}; }

// The inspector: one window of tabs (Files, Lookup, Container, Tree, Compare, X-ray); on the
// phone a grid of buttons in their place (the names would not fit in one row).
void draw_inspector_tab(UiState& s, const UiFonts& fonts, InspectorTab tab) {
    switch (tab) {
        case InspectorTab::files: draw_files(s, fonts); break;
        case InspectorTab::lookup: draw_lookup(s, fonts); break;
        case InspectorTab::container: draw_container(s, fonts); break;
        case InspectorTab::tree: draw_tree(s, fonts); break;
        case InspectorTab::compare: draw_compare(s, fonts); break;
        case InspectorTab::xray: draw_xray(s, fonts); break;
    }
}

void draw_inspector(UiState& s, const UiFonts& fonts, Rect in) {
    const char* const names[k_inspector_tab_count] = {"Files", "Lookup", "Container", "Tree", "Compare", "X-ray"};
    place_window(in);
    if (ImGui::Begin("Inspect", nullptr, k_panel_flags)) {
        if (s.phone) {
            int t = draw_phone_tab_grid(s, names, k_inspector_tab_count, 3, int(s.inspector_tab), "tab.");
            if (t >= 0) s.inspector_tab = InspectorTab(t);
            s.switch_tab = false;
            ImGui::Spacing();
            draw_inspector_tab(s, fonts, s.inspector_tab);
        } else if (ImGui::BeginTabBar("inspector")) {
            for (int i = 0; i < k_inspector_tab_count; ++i) {
                const InspectorTab tab = InspectorTab(i);
                ImGuiTabItemFlags f = (s.switch_tab && s.inspector_tab == tab) ? ImGuiTabItemFlags_SetSelected : 0;
                bool open = ImGui::BeginTabItem(names[i], nullptr, f);
                publish_rect(s, std::string("tab.") + names[i]);
                if (open) {
                    if (!s.switch_tab) s.inspector_tab = tab;
                    draw_inspector_tab(s, fonts, tab);
                    ImGui::EndTabItem();
                }
            }
            s.switch_tab = false;
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

// Above the editor: the lesson (when one is open), the question (when one is asked); `editor`
// keeps what is left.
void draw_above_editor(UiState& s, const UiFonts& fonts, Rect& editor) {
    const lab::Lab& lab = *s.lab;
    if (lab.course().current()) {  // a lesson: its window above the editor
        Rect lesson{editor.x, editor.y, editor.w, std::floor(editor.h * 0.62f)};
        editor.y += lesson.h;
        editor.h -= lesson.h;
        draw_lesson(s, fonts, inset(lesson));
    }
    if (quiz_visible(s)) {  // a question: its window above the editor (below a lesson)
        const float fit = std::clamp(s.quiz.content_h + 16.0f, editor.h * 0.3f, editor.h * 0.85f);
        Rect quiz{editor.x, editor.y, editor.w, std::floor(lab.course().current() ? editor.h * 0.7f : fit)};
        editor.y += quiz.h;
        editor.h -= quiz.h;
        draw_quiz(s, fonts, inset(quiz));
    }
}

// deck on top; editor | stack | inspector; narration | summary
void layout_desktop(UiState& s, const UiFonts& fonts) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    const float x0 = vp->WorkPos.x, y0 = vp->WorkPos.y;
    const float deck_h = ImGui::GetFrameHeight() * 1.25f + ImGui::GetFontSize() * 2.4f + 22.0f;
    const float bottom_h = std::clamp(H * 0.24f, 130.0f, 230.0f);
    const float mid_h = std::max(120.0f, H - deck_h - bottom_h);
    const float left_w = std::floor(W * 0.34f), center_w = std::floor(W * 0.29f);
    const float right_w = W - left_w - center_w;
    Rect deck{x0, y0, W, deck_h};
    Rect editor{x0, y0 + deck_h, left_w, mid_h};
    Rect stack{x0 + left_w, y0 + deck_h, center_w, mid_h};
    Rect inspector{x0 + left_w + center_w, y0 + deck_h, right_w, mid_h};
    Rect narration{x0, y0 + deck_h + mid_h, std::floor(W * 0.58f), bottom_h};
    Rect summary{x0 + narration.w, y0 + deck_h + mid_h, W - narration.w, bottom_h};
    draw_above_editor(s, fonts, editor);
    draw_stepdeck(s, fonts, inset(deck));
    draw_editor(s, fonts, inset(editor));
    draw_layers(s, fonts, inset(stack));
    draw_inspector(s, fonts, inset(inspector));
    draw_narration(s, fonts, inset(narration));
    draw_summary(s, fonts, inset(summary));
}

// One column (ui_phone.cpp draws the tabs): the deck, the tabs, the chosen part below.
void layout_phone(UiState& s, const UiFonts& fonts) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float W = vp->WorkSize.x, H = vp->WorkSize.y;
    const float x0 = vp->WorkPos.x, y0 = vp->WorkPos.y;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float deck_h = (k_touch_target + 4.0f) + ImGui::GetTextLineHeight() + (k_touch_target + 6.0f) +
                         st.ItemSpacing.y * 3 + st.WindowPadding.y * 2 + k_margin + 2.0f;
    const float tabs_h = 48.0f + k_margin;
    Rect deck{x0, y0, W, deck_h};
    Rect tabs{x0, y0 + deck_h, W, tabs_h};
    Rect body{x0, y0 + deck_h + tabs_h, W, std::max(120.0f, H - deck_h - tabs_h)};
    draw_stepdeck(s, fonts, inset(deck));
    draw_phone_tabs(s, inset(tabs));
    switch (s.phone_tab) {
        case PhoneTab::dockerfile:
            draw_above_editor(s, fonts, body);
            draw_editor(s, fonts, inset(body));
            break;
        case PhoneTab::layers: draw_layers(s, fonts, inset(body)); break;
        case PhoneTab::inspect: draw_inspector(s, fonts, inset(body)); break;
        case PhoneTab::narration: {
            Rect narration{body.x, body.y, body.w, std::floor(body.h * 0.55f)};
            Rect summary{body.x, body.y + narration.h, body.w, body.h - narration.h};
            draw_narration(s, fonts, inset(narration));
            draw_summary(s, fonts, inset(summary));
        }
    }
}

}  // namespace

// ---------------------------------------------------------------- commands

// "Ask me before each step" (Quiz menu): a step waits for the question about it to be answered
// (the answer runs it); false when the step may go on.
static bool ask_first(UiState& s) {
    lesson::Quiz& z = s.lab->course().quiz();
    if (!z.ask_before_step) return false;
    const lesson::Question* q = z.pending();
    if (q && (q->kind == lesson::QuestionKind::adds_layer || q->kind == lesson::QuestionKind::image_size) &&
        q->revision == s.lab->revision())
        return true;  // still waiting for its answer
    if (!z.ask_for_step(*s.lab)) return false;  // nothing to ask (the end): step as usual
    s.quiz.show_verdict = false;
    return true;
}

// Step, Run to the end and a chip aim the cursor; draw() builds toward it one
// step per frame (Lab::work), so no frame waits for a whole build (issue 14).
void cmd_step(UiState& s) {
    if (ask_first(s)) {
        s.deck.running = false;
        return;
    }
    if (!s.lab->busy() && s.lab->at_end()) s.deck.running = false;
    else s.lab->aim_step();
}
void cmd_back(UiState& s) {
    s.deck.running = false;
    s.lab->back();
}
void cmd_reset(UiState& s) {
    s.deck.running = false;
    s.lab->reset();
}
void cmd_run_to_end(UiState& s) {
    s.deck.running = false;
    s.lab->aim_end();
}
void cmd_toggle_run(UiState& s) {
    if (s.deck.running) {
        s.deck.running = false;
        return;
    }
    if (s.lab->at_end()) s.lab->reset();
    s.deck.running = true;
    s.deck.next_auto_step = now();
}
void cmd_goto(UiState& s, size_t n) {
    s.deck.running = false;
    s.lab->aim(n);
}
void cmd_load_sample(UiState& s, const std::string& name) {
    s.deck.running = false;
    Status st = s.lab->load_sample(name);
    (void)st;
    s.selected_layer = -1;
    s.lookup = LookupState{};
}
void cmd_lookup(UiState& s, const std::string& path) {
    // the one lookup command; detect_lookup() starts the animation next frame
    (void)s.lab->lookup(path);
}

// ---------------------------------------------------------------- draw

void draw(UiState& s, const UiFonts& fonts) {
    const auto t0 = std::chrono::steady_clock::now();
    apply_style(s);
    lab::Lab& lab = *s.lab;
    s.rects.clear();
    s.hover_step = s.hover_step_next;
    s.hover_layer = s.hover_layer_next;
    s.hover_path = s.hover_path_next;
    s.hover_step_next = s.hover_layer_next = -1;
    s.hover_path_next = 0xffffffffu;
    handle_keys(s);
    s.phone = ImGui::GetMainViewport()->Size.x < k_phone_width;
    apply_layout_style(s.phone);
    touch_scroll(s);

    // A build in progress: one step per frame, once the deck has said which
    // (a frame drawn before the work shows "building step 4 of 8: ...").
    if (lab.busy() && s.deck.work_shown) lab.work();
    // Run: one step per interval, after the slide-in of the last one
    if (s.deck.running) {
        const double interval = std::max(0.15, dur(s, 1.1));
        if (lab.busy()) {
            s.deck.next_auto_step = now() + interval;  // counted from the end of the step's work
        } else if (now() >= s.deck.next_auto_step) {
            cmd_step(s);  // the quiz may ask first (it stops Run)
            s.deck.next_auto_step = now() + interval;
        }
    }
    {
        const ImGuiIO& io = ImGui::GetIO();
        bool input = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || ImGui::IsAnyItemActive() ||
                     io.InputQueueCharacters.Size > 0 || ImGui::IsMouseDown(0) || ImGui::IsMouseDown(1);
        for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END && !input; ++k)
            input = ImGui::IsKeyDown(ImGuiKey(k));
        if (input || lab.revision() != s.seen_revision) s.last_activity = now();
    }
    detect_changes(s);
    detect_exec(s);
    detect_lookup(s);

    // narration for screen readers, and the document for the page to keep
    if (const lab::Narration* n = lab.last_narration(); n && n->serial != s.seen_narration) {
        s.seen_narration = n->serial;
        if (s.hooks.announce) {
            std::string t = n->text + (n->rule.empty() ? "" : " Rule: " + n->rule + ".");
            s.hooks.announce(t.c_str());
        }
    }
    if (lab.doc_revision() != s.seen_doc) {
        s.seen_doc = lab.doc_revision();
        // a lesson's Dockerfile is the lesson's (its progress is kept), not one of the student's documents
        if (s.hooks.document_changed && lab.assets_ready() && !lab.course().current())
            s.hooks.document_changed(lab.sample_name().c_str(), lab.text().c_str(), lab.edited());
    }

    draw_menu(s);

    if (s.phone) layout_phone(s, fonts);
    else layout_desktop(s, fonts);

    if (!lab.assets_ready()) draw_loading(s);
    draw_help(s);
    draw_about(s);
    draw_lesson_map(s);
#ifndef IMGUI_DISABLE_DEMO_WINDOWS
    if (s.show_imgui_demo) ImGui::ShowDemoWindow(&s.show_imgui_demo);
#endif
    claim_keys();

    const float ms = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - t0).count();
    s.ui_ms = s.ui_ms <= 0 ? ms : s.ui_ms * 0.9f + ms * 0.1f;
}

}  // namespace ll::ui
