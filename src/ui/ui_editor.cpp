// ui_editor.cpp: the Dockerfile editor (and the build context's text files).
//
// An InputTextMultiline does the editing; its own text is drawn transparent
// and this file draws over it: syntax colours, the current instruction's
// lines highlighted, the line linked to a hovered slab, error squiggles with
// their message, and a gutter with line numbers and each instruction's cache
// status (✓ CACHED, ● ran, ✗ failed, ○ not yet). An edit rebuilds after a
// short pause, or at once with Ctrl+Enter; earlier steps then come from the
// build cache, and the gutter says why each later one missed.
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdio>
#include <cstring>

#include "core/dockerfile/parser.h"
#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

namespace syn {
inline constexpr ImU32 text = col::rgb(220, 223, 228);
inline constexpr ImU32 keyword = col::rgb(108, 176, 255);
inline constexpr ImU32 flag = col::rgb(200, 146, 234);
inline constexpr ImU32 string = col::rgb(230, 180, 110);
inline constexpr ImU32 variable = col::rgb(110, 210, 200);
inline constexpr ImU32 comment = col::rgb(118, 128, 140);
inline constexpr ImU32 heredoc = col::rgb(196, 200, 150);
inline constexpr ImU32 escape = col::rgb(150, 156, 168);
}  // namespace syn

struct Seg {
    size_t begin, end;  // byte offsets into the line
    ImU32 color;
};

bool is_keyword(std::string_view w) {
    for (std::string_view k : dockerfile::keywords()) {
        if (k.size() != w.size()) continue;
        bool eq = true;
        for (size_t i = 0; i < k.size(); ++i)
            if (std::toupper(static_cast<unsigned char>(w[i])) != k[i]) eq = false;
        if (eq) return true;
    }
    return false;
}

// A small line lexer: good enough to colour while typing (the parser's
// spans lag behind edits until the rebuild).
struct Lexer {
    bool continuation = false;          // the previous line ended with '\'
    std::vector<std::string> heredocs;  // pending delimiters, in order
    bool in_heredoc = false;

    std::vector<Seg> line(std::string_view s) {
        std::vector<Seg> out;
        auto push = [&](size_t b, size_t e, ImU32 c) {
            if (e > b) out.push_back({b, e, c});
        };
        size_t first = s.find_first_not_of(" \t");
        if (in_heredoc) {
            std::string t(s.substr(first == std::string_view::npos ? s.size() : first));
            while (!t.empty() && (t.back() == ' ' || t.back() == '\r')) t.pop_back();
            if (!heredocs.empty() && t == heredocs.front()) {
                push(0, s.size(), syn::keyword);
                heredocs.erase(heredocs.begin());
                in_heredoc = !heredocs.empty();
            } else {
                push(0, s.size(), syn::heredoc);
            }
            return out;
        }
        if (first == std::string_view::npos) return out;
        if (s[first] == '#') {
            push(0, s.size(), syn::comment);
            return out;
        }
        size_t i = first;
        if (!continuation) {
            size_t e = s.find_first_of(" \t", i);
            if (e == std::string_view::npos) e = s.size();
            push(i, e, is_keyword(s.substr(i, e - i)) ? syn::keyword : syn::text);
            i = e;
        }
        size_t plain = i;
        auto flush = [&](size_t upto) { push(plain, upto, syn::text); };
        while (i < s.size()) {
            char c = s[i];
            bool word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t';
            if (c == '-' && word_start && i + 1 < s.size() && s[i + 1] == '-') {
                flush(i);
                size_t e = s.find_first_of("= \t", i);
                if (e == std::string_view::npos) e = s.size();
                push(i, e, syn::flag);
                i = e;
                plain = i;
            } else if (c == '"' || c == '\'') {
                flush(i);
                size_t e = i + 1;
                while (e < s.size() && s[e] != c) e += (s[e] == '\\' && c == '"' && e + 1 < s.size()) ? 2 : 1;
                e = std::min(s.size(), e + 1);
                push(i, e, syn::string);
                i = e;
                plain = i;
            } else if (c == '$' && i + 1 < s.size() &&
                       (s[i + 1] == '{' || std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '_')) {
                flush(i);
                size_t e = i + 1;
                if (s[e] == '{') {
                    e = s.find('}', e);
                    e = e == std::string_view::npos ? s.size() : e + 1;
                } else {
                    while (e < s.size() && (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '_')) ++e;
                }
                push(i, e, syn::variable);
                i = e;
                plain = i;
            } else if (c == '<' && i + 2 < s.size() && s[i + 1] == '<' && s[i + 2] != '<' && word_start) {
                flush(i);
                size_t e = i + 2;
                if (e < s.size() && s[e] == '-') ++e;
                size_t name_b = e;
                while (e < s.size() && s[e] != ' ' && s[e] != '\t') ++e;
                std::string name(s.substr(name_b, e - name_b));
                name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
                name.erase(std::remove(name.begin(), name.end(), '\''), name.end());
                if (!name.empty()) heredocs.push_back(name);
                push(i, e, syn::heredoc);
                i = e;
                plain = i;
            } else {
                ++i;
            }
        }
        // a trailing escape continues the instruction
        size_t last = s.find_last_not_of(" \t\r");
        bool cont = last != std::string_view::npos && s[last] == '\\';
        if (cont) {
            flush(last);
            push(last, last + 1, syn::escape);
        } else {
            flush(s.size());
        }
        continuation = cont;
        if (!cont && !heredocs.empty()) in_heredoc = true;
        return out;
    }
};

int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* str = static_cast<std::string*>(data->UserData);
        str->resize(size_t(data->BufTextLen));
        data->Buf = str->data();
    }
    return 0;
}

// The step whose instruction covers `line` (1-based), or -1.
int step_at_line(const lab::Lab& lab, int line) {
    const auto& steps = lab.steps();
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& sp = steps[i].span;
        if (steps[i].onbuild) continue;
        if (int(sp.begin_line) <= line && line <= int(sp.end_line)) return int(i);
    }
    return -1;
}

std::string current_file_text(const lab::Lab& lab, const std::string& file) {
    if (file == "Dockerfile") return lab.text();
    auto it = lab.files().find(file);
    return it == lab.files().end() ? std::string() : it->second;
}

void apply_edit(UiState& s) {
    EditorState& E = s.editor;
    if (E.file == "Dockerfile")
        s.lab->edit(E.buffer);
    else
        s.lab->edit_file(E.file, E.buffer);
    E.dirty = false;
    E.doc_revision = s.lab->doc_revision();
}

// Where the text is on screen this frame, after the InputText drew itself
// (transparent): what the overlays (tints, colours, squiggles, cursor,
// gutter) draw against.
struct TextFrame {
    std::vector<std::string_view> lines;  // into EditorState::buffer
    ImVec2 text_origin;                   // top left of line 1, column 1 (scrolled)
    ImVec2 frame_min, frame_max;          // the InputText's frame
    ImVec4 clip;                          // its text area without the scrollbars
    ImDrawList* dl = nullptr;             // the InputText's child window's list
    float fs = 0;                         // line height (the code font)
    ImVec2 gutter_pos;
    float gutter_w = 0;
    bool is_dockerfile = false;
    bool spans_valid = false;  // the Lab's spans match the buffer (a Dockerfile not being edited)

    float line_y(int line1) const { return text_origin.y + float(line1 - 1) * fs; }
    float col_x(int line1, int col1) const {
        if (line1 < 1 || size_t(line1) > lines.size()) return text_origin.x;
        std::string_view l = lines[size_t(line1 - 1)];
        size_t n = std::min(l.size(), size_t(std::max(0, col1 - 1)));
        return text_origin.x + ImGui::CalcTextSize(l.data(), l.data() + n).x;
    }
};

std::vector<std::string_view> split_lines(std::string_view buf) {
    std::vector<std::string_view> lines;
    for (size_t pos = 0;;) {
        size_t nl = buf.find('\n', pos);
        lines.push_back(buf.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return lines;
}

// the model changed under us (a sample, the API): take its text
void sync_from_lab(EditorState& E, const lab::Lab& lab) {
    if (lab.doc_revision() == E.doc_revision) return;
    if (E.file != "Dockerfile" && !lab.files().count(E.file)) E.file = "Dockerfile";
    E.buffer = current_file_text(lab, E.file);
    E.doc_revision = lab.doc_revision();
    E.dirty = false;
}

// ---- file tabs: the Dockerfile and the context's text files
void draw_file_tabs(UiState& s) {
    lab::Lab& lab = *s.lab;
    EditorState& E = s.editor;
    if (lab.files().empty() || !ImGui::BeginTabBar("##files", ImGuiTabBarFlags_FittingPolicyScroll)) return;
    auto tab = [&](const std::string& name) {
        const bool open = ImGui::BeginTabItem(name.c_str(), nullptr, 0);
        publish_rect(s, "editor.tab." + name);
        if (open) {
            if (E.file != name) {
                if (E.dirty) apply_edit(s);
                E.file = name;
                E.buffer = current_file_text(lab, name);
                E.dirty = false;
            }
            ImGui::EndTabItem();
        }
    };
    tab("Dockerfile");
    for (const auto& [name, text] : lab.files()) {
        (void)text;
        if (name == "Dockerfile") continue;
        tab(name);
    }
    ImGui::EndTabBar();
}

// The InputText (its text transparent) and the edit it made: marks the
// buffer dirty, rebuilds on Ctrl+Enter or after a pause. Fills in where the
// text landed on screen.
void edit_text(UiState& s, TextFrame& F, ImVec2 box, ImGuiInputTextState*& st, bool& active) {
    lab::Lab& lab = *s.lab;
    EditorState& E = s.editor;
    const ImGuiID input_id = ImGui::GetID("##text");
    if (E.refocus) {
        ImGui::SetKeyboardFocusHere();
        E.refocus = false;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, to_vec4(col::rgb(22, 24, 29)));
    bool changed = ImGui::InputTextMultiline("##text", E.buffer.data(), E.buffer.capacity() + 1, box,
                                             ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackResize,
                                             resize_callback, &E.buffer);
    ImGui::PopStyleColor(2);
    publish_rect(s, "editor.text");
    active = ImGui::IsItemActive();
    F.frame_min = ImGui::GetItemRectMin();
    F.frame_max = ImGui::GetItemRectMax();
    if (changed) {
        E.dirty = E.buffer != current_file_text(lab, E.file);
        E.last_edit = now();
    }
    // Ctrl+Enter: the text field lets go of the focus; rebuild and take it back
    if ((active || ImGui::IsItemDeactivated()) && ImGui::GetIO().KeyCtrl &&
        (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))) {
        apply_edit(s);
        E.refocus = true;
    }
    if (E.dirty && E.last_edit >= 0 && now() - E.last_edit > 0.9 && !ImGui::IsMouseDown(0)) apply_edit(s);

    // the InputText's own child window (scroll) and state (cursor, horizontal scroll)
    char child_name[256];
    std::snprintf(child_name, sizeof child_name, "%s/%s_%08X", ImGui::GetCurrentWindow()->Name, "##text", input_id);
    ImGuiWindow* child = ImGui::FindWindowByName(child_name);
    st = ImGui::GetInputTextState(input_id);
    if (st && st->ID != input_id) st = nullptr;
    const float scroll_y = child ? child->Scroll.y : 0.0f;
    const float scroll_x = st ? st->ScrollX : 0.0f;
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    F.text_origin = ImVec2(F.frame_min.x + pad.x - scroll_x, F.frame_min.y + pad.y - scroll_y);
    F.dl = child ? child->DrawList : ImGui::GetWindowDrawList();
    const float text_w = F.frame_max.x - F.frame_min.x - (child ? child->ScrollbarSizes.x : 0);
    F.clip = ImVec4(F.frame_min.x, F.frame_min.y, F.frame_min.x + text_w,
                    F.frame_max.y - (child ? child->ScrollbarSizes.y : 0));
}

// ---- line backgrounds: current instruction, linked (hovered slab), mouse line
void draw_line_tints(UiState& s, const TextFrame& F) {
    const lab::Lab& lab = *s.lab;
    EditorState& E = s.editor;
    const int cur = lab.current_step();
    auto tint_lines = [&](int b, int e, ImU32 c) {
        F.dl->AddRectFilled(ImVec2(F.clip.x, F.line_y(b)), ImVec2(F.clip.z, F.line_y(e) + F.fs), c);
    };
    if (F.spans_valid && cur >= 0 && !lab.steps()[size_t(cur)].onbuild) {
        const auto& sp = lab.steps()[size_t(cur)].span;
        tint_lines(int(sp.begin_line), int(sp.end_line), with_alpha(col::accent, 0.22f));
        F.dl->AddRectFilled(ImVec2(F.clip.x, F.line_y(int(sp.begin_line))),
                            ImVec2(F.clip.x + 3, F.line_y(int(sp.end_line)) + F.fs), col::accent);
    }
    int linked_step = s.hover_step;
    if (s.hover_layer >= 0 && size_t(s.hover_layer) < lab.layers().size())
        linked_step = lab.layers()[size_t(s.hover_layer)].step;
    if (F.spans_valid && linked_step >= 0 && size_t(linked_step) < lab.steps().size()) {
        const auto& sp = lab.steps()[size_t(linked_step)].span;
        tint_lines(int(sp.begin_line), int(sp.end_line), with_alpha(col::modified, 0.16f));
    }
    E.hover_line = 0;
    if (ImGui::IsMouseHoveringRect(F.frame_min, F.frame_max) && F.fs > 0) {
        int l = int((ImGui::GetMousePos().y - F.text_origin.y) / F.fs) + 1;
        if (l >= 1 && size_t(l) <= F.lines.size()) E.hover_line = l;
    }
    if (F.spans_valid && E.hover_line > 0) {
        int st_i = step_at_line(lab, E.hover_line);
        if (st_i >= 0) s.hover_step_next = st_i;
    }
}

// ---- coloured text (lines scrolled out of view are lexed, not drawn)
void draw_coloured_text(const TextFrame& F) {
    Lexer lex;
    const float y_min = F.clip.y - F.fs, y_max = F.clip.w;
    for (size_t li = 0; li < F.lines.size(); ++li) {
        std::string_view l = F.lines[li];
        std::vector<Seg> segs = F.is_dockerfile ? lex.line(l) : std::vector<Seg>{{0, l.size(), syn::text}};
        float y = F.line_y(int(li + 1));
        if (y < y_min || y > y_max) continue;
        for (const Seg& sg : segs) {
            float x = F.text_origin.x + ImGui::CalcTextSize(l.data(), l.data() + sg.begin).x;
            F.dl->AddText(ImGui::GetFont(), F.fs, ImVec2(x, y), sg.color, l.data() + sg.begin, l.data() + sg.end);
        }
    }
}

// ---- errors: squiggles under their spans, the message on hover
void draw_error_squiggles(const UiState& s, const TextFrame& F) {
    const lab::Lab& lab = *s.lab;
    const auto& errors = lab.errors();
    const auto& spans = lab.parsed().error_spans;
    const float fs = F.fs;
    for (size_t i = 0; i < errors.size(); ++i) {
        int bl = int(errors[i].where.line), bc = int(errors[i].where.column);
        int el = bl, ec = bc + 1;
        if (i < spans.size() && spans[i].end_line >= spans[i].begin_line && spans[i].end_line > 0) {
            el = int(spans[i].end_line);
            ec = int(spans[i].end_col);
        }
        for (int l = bl; l <= el && l >= 1; ++l) {
            float xa = l == bl ? F.col_x(l, bc) : F.text_origin.x;
            float xb = l == el ? F.col_x(l, ec) : F.col_x(l, 1 << 20);
            if (xb - xa < fs * 0.6f) xb = xa + fs * 0.6f;
            float y = F.line_y(l) + fs - 1.5f;
            for (float x = xa; x < xb; x += 4.0f)
                F.dl->AddLine(ImVec2(x, y + ((int(x / 4.0f) & 1) ? 1.5f : -0.5f)),
                              ImVec2(std::min(xb, x + 4.0f), y + ((int(x / 4.0f) & 1) ? -0.5f : 1.5f)), col::failed,
                              1.4f);
            if (s.editor.hover_line == l &&
                ImGui::IsMouseHoveringRect(ImVec2(xa, F.line_y(l)), ImVec2(xb, F.line_y(l) + fs)))
                ImGui::SetTooltip("%s %s", k_glyph_cross, errors[i].message.c_str());
        }
    }
}

// ---- our own cursor (the InputText's is transparent with its text)
void draw_cursor(const EditorState& E, const TextFrame& F, const ImGuiInputTextState& st) {
    int cursor = std::clamp(st.Stb.cursor, 0, st.CurLenW);
    int line = 1, line_start = 0;
    for (int i = 0; i < cursor; ++i)
        if (st.TextW[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    char tmp[1024];
    int n = ImTextStrToUtf8(tmp, sizeof tmp, st.TextW.Data + line_start, st.TextW.Data + cursor);
    float x = F.text_origin.x + ImGui::CalcTextSize(tmp, tmp + n).x;
    float y = F.line_y(line);
    bool blink_on = std::fmod(now() - std::max(0.0, E.last_edit), 1.1) < 0.7;
    if (blink_on) F.dl->AddLine(ImVec2(x, y + 1), ImVec2(x, y + F.fs - 1), col::text, 1.5f);
}

// A gutter mark: its glyph, colour and tooltip.
struct GutterMark {
    const char* glyph = nullptr;
    ImU32 colour = col::faint;
    std::string tip;
};

// The cache status of step si, as the gutter shows it on its first line.
GutterMark step_mark(const lab::Lab& lab, size_t si) {
    GutterMark m;
    const build::Step& stp = lab.steps()[si];
    bool shown = si < lab.cursor();
    switch (stp.state) {
    case build::StepState::cached:
        m.glyph = k_glyph_check;
        m.colour = col::cached;
        break;
    case build::StepState::done:
        m.glyph = k_glyph_dot;
        m.colour = col::miss;
        break;
    case build::StepState::failed:
        m.glyph = k_glyph_cross;
        m.colour = col::failed;
        break;
    case build::StepState::pending:
        m.glyph = k_glyph_circle;
        m.colour = col::faint;
        break;
    case build::StepState::skipped:
        m.glyph = "–";
        m.colour = col::faint;
        break;
    }
    if (!shown && stp.state != build::StepState::pending) m.colour = with_alpha(m.colour, 0.45f);
    m.tip = stp.title + "\n" + build::step_state_name(stp.state) + (stp.cache_note.empty() ? "" : ": " + stp.cache_note);
    if (stp.error) m.tip += "\n" + stp.error->message;
    return m;
}

// ---- gutter: line numbers and the cache status of each instruction
void draw_gutter(UiState& s, const UiFonts& fonts, const TextFrame& F) {
    const lab::Lab& lab = *s.lab;
    const auto& errors = lab.errors();
    const int cur = lab.current_step();
    const float fs = F.fs;
    const size_t nlines = F.lines.size();
    ImDrawList* wdl = ImGui::GetWindowDrawList();
    wdl->PushClipRect(ImVec2(F.gutter_pos.x, F.frame_min.y), ImVec2(F.gutter_pos.x + F.gutter_w, F.frame_max.y), true);
    std::vector<int> badge_step(nlines + 1, -1);
    if (F.spans_valid)
        for (size_t i = 0; i < lab.steps().size(); ++i) {
            const auto& sp = lab.steps()[i].span;
            if (!lab.steps()[i].onbuild && sp.begin_line >= 1 && sp.begin_line <= nlines &&
                badge_step[sp.begin_line] < 0)
                badge_step[sp.begin_line] = int(i);
        }
    std::vector<bool> error_line(nlines + 2, false);
    if (F.is_dockerfile && !s.editor.dirty)
        for (const Error& e : errors)
            if (e.where.line >= 1 && e.where.line <= nlines) error_line[e.where.line] = true;
    for (size_t li = 1; li <= nlines; ++li) {
        float y = F.line_y(int(li));
        if (y < F.frame_min.y - fs || y > F.frame_max.y) continue;
        char num[12];
        std::snprintf(num, sizeof num, "%zu", li);
        float nw = ImGui::CalcTextSize(num).x;
        bool is_cur = F.spans_valid && cur >= 0 && int(li) >= int(lab.steps()[size_t(cur)].span.begin_line) &&
                      int(li) <= int(lab.steps()[size_t(cur)].span.end_line);
        wdl->AddText(ImVec2(F.gutter_pos.x + F.gutter_w - fs * 1.4f - nw, y), is_cur ? col::text : col::faint, num);
        GutterMark m;
        if (error_line[li]) {
            m.glyph = k_glyph_cross;
            m.colour = col::failed;
            for (const Error& e : errors)
                if (e.where.line == li) m.tip += (m.tip.empty() ? "" : "\n") + e.message;
        } else if (int si = badge_step[li]; si >= 0) {
            m = step_mark(lab, size_t(si));
        }
        if (!m.glyph) continue;
        // the glyphs come from the UI font: the code font's subset lacks some (○)
        ImVec2 gp(F.gutter_pos.x + F.gutter_w - fs * 1.1f, y);
        ImFont* gf = fonts.ui ? fonts.ui : ImGui::GetFont();
        wdl->AddText(gf, fs, gp, m.colour, m.glyph);
        if (!m.tip.empty() &&
            ImGui::IsMouseHoveringRect(ImVec2(F.gutter_pos.x, y), ImVec2(F.gutter_pos.x + F.gutter_w, y + fs))) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(480);
            ImGui::TextUnformatted(m.tip.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        if (m.glyph == k_glyph_check || m.glyph == k_glyph_dot)
            publish_rect(s, "gutter." + std::to_string(li), gp, ImVec2(gp.x + fs, gp.y + fs));
    }
    wdl->PopClipRect();
}

// ---- status line and the errors, each with its place
void draw_status(const UiState& s, const TextFrame& F) {
    const EditorState& E = s.editor;
    const auto& errors = s.lab->errors();
    ImGui::SetCursorScreenPos(ImVec2(F.gutter_pos.x, F.frame_max.y + 4));
    if (E.dirty)
        ImGui::TextColored(to_vec4(col::modified), "%s edited: rebuilds after a pause, or now with Ctrl+Enter",
                           k_glyph_modified);
    else if (F.is_dockerfile && !errors.empty())
        ImGui::TextColored(to_vec4(col::failed), "%s %zu error%s: nothing is built until they are fixed", k_glyph_cross,
                           errors.size(), errors.size() == 1 ? "" : "s");
    else if (!F.is_dockerfile)
        ImGui::TextDisabled("build context file · edits rebuild; COPY steps that read it miss the cache");
    else
        ImGui::TextDisabled("%s cached  %s ran  %s not yet · Ctrl+Enter rebuilds", k_glyph_check, k_glyph_dot,
                            k_glyph_circle);
    if (F.is_dockerfile && !E.dirty)
        for (size_t i = 0; i < errors.size() && i < 3; ++i) {
            ImGui::TextColored(to_vec4(col::failed), "%u:%u", errors[i].where.line, errors[i].where.column);
            ImGui::SameLine();
            ImGui::TextUnformatted(ellipsize(errors[i].message, ImGui::GetContentRegionAvail().x).c_str());
            hover_tooltip(errors[i].message.c_str());
        }
}

}  // namespace

void draw_editor(UiState& s, const UiFonts& fonts, Rect area) {
    lab::Lab& lab = *s.lab;
    EditorState& E = s.editor;
    place_window(area);
    ImGui::Begin("Dockerfile", nullptr, k_panel_flags | ImGuiWindowFlags_NoScrollbar);
    sync_from_lab(E, lab);
    draw_file_tabs(s);

    // ---- layout: gutter | text; status and errors below
    TextFrame F;
    F.is_dockerfile = E.file == "Dockerfile";
    const float fs_ui = ImGui::GetFontSize();
    const float status_h =
        fs_ui * 1.5f + (F.is_dockerfile ? std::min<float>(3.0f, float(lab.errors().size())) * (fs_ui + 2) : 0);
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    F.fs = ImGui::GetFontSize();
    F.gutter_w = ImGui::CalcTextSize("000").x + F.fs * 1.6f;
    F.gutter_pos = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(F.gutter_pos.x + F.gutter_w, F.gutter_pos.y));
    ImVec2 box(avail.x - F.gutter_w, std::max(60.0f, avail.y - status_h));
    ImGuiInputTextState* st = nullptr;
    bool active = false;
    edit_text(s, F, box, st, active);

    F.dl->PushClipRect(ImVec2(F.clip.x, F.clip.y), ImVec2(F.clip.z, F.clip.w), true);
    F.lines = split_lines(std::string_view(E.buffer.c_str()));
    F.spans_valid = F.is_dockerfile && !E.dirty;
    draw_line_tints(s, F);
    draw_coloured_text(F);
    if (F.is_dockerfile && !E.dirty) draw_error_squiggles(s, F);
    if (active && st) draw_cursor(E, F, *st);
    F.dl->PopClipRect();

    draw_gutter(s, fonts, F);
    if (fonts.mono) ImGui::PopFont();
    draw_status(s, F);
    ImGui::End();
}

}  // namespace ll::ui
