// ui_common.cpp: icons, text helpers and colours shared by the windows.
#include "ui/ui_common.h"

#include <imgui_internal.h>

#include "core/lab/lab.h"

namespace ll::ui {

void draw_icon(ImDrawList* dl, Icon icon, ImVec2 c, float size, ImU32 color) {
    const float h = size * 0.5f;
    auto tri_right = [&](float cx, float w) {
        dl->AddTriangleFilled(ImVec2(cx - w * 0.5f, c.y - h * 0.8f), ImVec2(cx - w * 0.5f, c.y + h * 0.8f),
                              ImVec2(cx + w * 0.5f, c.y), color);
    };
    auto tri_left = [&](float cx, float w) {
        dl->AddTriangleFilled(ImVec2(cx + w * 0.5f, c.y - h * 0.8f), ImVec2(cx + w * 0.5f, c.y + h * 0.8f),
                              ImVec2(cx - w * 0.5f, c.y), color);
    };
    auto bar = [&](float cx, float w) {
        dl->AddRectFilled(ImVec2(cx - w * 0.5f, c.y - h * 0.8f), ImVec2(cx + w * 0.5f, c.y + h * 0.8f), color);
    };
    switch (icon) {
    case Icon::reset:
        bar(c.x - h * 0.75f, size * 0.14f);
        tri_left(c.x - h * 0.05f, h * 0.9f);
        tri_left(c.x + h * 0.7f, h * 0.9f);
        break;
    case Icon::back:
        bar(c.x - h * 0.55f, size * 0.14f);
        tri_left(c.x + h * 0.2f, h * 1.1f);
        break;
    case Icon::step:
        tri_right(c.x - h * 0.2f, h * 1.1f);
        bar(c.x + h * 0.55f, size * 0.14f);
        break;
    case Icon::play: tri_right(c.x + h * 0.1f, h * 1.4f); break;
    case Icon::pause:
        bar(c.x - h * 0.35f, size * 0.2f);
        bar(c.x + h * 0.35f, size * 0.2f);
        break;
    case Icon::end:
        tri_right(c.x - h * 0.7f, h * 0.9f);
        tri_right(c.x + h * 0.05f, h * 0.9f);
        bar(c.x + h * 0.75f, size * 0.14f);
        break;
    case Icon::plus:
        dl->AddRectFilled(ImVec2(c.x - h * 0.8f, c.y - size * 0.07f), ImVec2(c.x + h * 0.8f, c.y + size * 0.07f),
                          color);
        dl->AddRectFilled(ImVec2(c.x - size * 0.07f, c.y - h * 0.8f), ImVec2(c.x + size * 0.07f, c.y + h * 0.8f),
                          color);
        break;
    case Icon::commit:
        dl->AddCircle(c, h * 0.45f, color, 0, size * 0.12f);
        dl->AddLine(ImVec2(c.x - h, c.y), ImVec2(c.x - h * 0.45f, c.y), color, size * 0.12f);
        dl->AddLine(ImVec2(c.x + h * 0.45f, c.y), ImVec2(c.x + h, c.y), color, size * 0.12f);
        break;
    case Icon::trash:
        dl->AddRect(ImVec2(c.x - h * 0.55f, c.y - h * 0.5f), ImVec2(c.x + h * 0.55f, c.y + h * 0.85f), color, 1.5f, 0,
                    size * 0.1f);
        dl->AddLine(ImVec2(c.x - h * 0.8f, c.y - h * 0.65f), ImVec2(c.x + h * 0.8f, c.y - h * 0.65f), color,
                    size * 0.1f);
        break;
    case Icon::search:
        dl->AddCircle(ImVec2(c.x - h * 0.15f, c.y - h * 0.15f), h * 0.5f, color, 0, size * 0.12f);
        dl->AddLine(ImVec2(c.x + h * 0.2f, c.y + h * 0.2f), ImVec2(c.x + h * 0.75f, c.y + h * 0.75f), color,
                    size * 0.14f);
        break;
    }
}

namespace {
bool g_touch_layout = false;
}

ImVec2 box_begin() {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    return ImGui::GetCursorScreenPos();
}

void box_end(UiState& s, const std::string& name, ImVec2 top, ImU32 fill, ImU32 border) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 bottom = ImGui::GetCursorScreenPos();
    dl->ChannelsSetCurrent(0);
    const ImVec2 a(top.x - 4, top.y - 3), b(top.x + ImGui::GetContentRegionAvail().x + 2, bottom.y);
    dl->AddRectFilled(a, b, fill, 4.0f);
    dl->AddRect(a, b, border, 4.0f);
    dl->ChannelsMerge();
    publish_rect(s, name, a, b);
    ImGui::Dummy(ImVec2(1, 2));
}
void set_touch_layout(bool on) { g_touch_layout = on; }
bool touch_layout() { return g_touch_layout; }

bool icon_button(const char* id, Icon icon, const char* tooltip, bool enabled, bool active) {
    const float sz = g_touch_layout ? k_touch_target + 4.0f : ImGui::GetFrameHeight() * 1.25f;
    if (!enabled) ImGui::BeginDisabled();
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    bool pressed = ImGui::Button(id, ImVec2(sz, sz));
    if (active) ImGui::PopStyleColor();
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImU32 c = ImGui::GetColorU32(enabled ? ImGuiCol_Text : ImGuiCol_TextDisabled);
    draw_icon(ImGui::GetWindowDrawList(), icon, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), sz * 0.5f, c);
    if (!enabled) ImGui::EndDisabled();
    if (tooltip && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("%s", tooltip);
    return pressed && enabled;
}

std::string ellipsize(std::string_view text, float max_w) {
    if (max_w <= 0) return {};
    if (ImGui::CalcTextSize(text.data(), text.data() + text.size()).x <= max_w) return std::string(text);
    const char* ell = "\xe2\x80\xa6";
    float ell_w = ImGui::CalcTextSize(ell).x;
    // binary search on byte length, then back off to a UTF-8 boundary
    size_t lo = 0, hi = text.size();
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (ImGui::CalcTextSize(text.data(), text.data() + mid).x + ell_w <= max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80) --lo;
    return std::string(text.substr(0, lo)) + ell;
}

void mark_glyph(char mark, ImDrawList* dl, ImVec2 pos) {
    const char* g = " ";
    ImU32 c = col::dim;
    switch (mark) {
    case 'A':
        g = k_glyph_added;
        c = col::added;
        break;
    case 'M':
        g = k_glyph_modified;
        c = col::modified;
        break;
    case 'D':
        g = k_glyph_whiteout;
        c = col::deleted;
        break;
    case 'O':
        g = k_glyph_opaque;
        c = col::opaque;
        break;
    default: return;
    }
    char label[2] = {mark == 'O' ? 'M' : mark, 0};
    dl->AddText(pos, c, g);
    dl->AddText(ImVec2(pos.x + ImGui::GetFontSize() * 0.75f, pos.y), c, label);
}

std::string short_digest(const std::string& full) {
    if (full.rfind("sha256:", 0) == 0 && full.size() >= 19) return full.substr(7, 12);
    return full;
}

void hover_tooltip(const char* text, float wrap) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

namespace {
// One word of text_with_code at the cursor: on this line when it fits (after a
// space when the text had one there), else on the next.
void flow_word(std::string_view word, ImFont* code, bool strong, bool& line_start, bool gap, float right) {
    if (code) ImGui::PushFont(code);
    const float w = ImGui::CalcTextSize(word.data(), word.data() + word.size()).x;
    if (!line_start) {
        const float space = gap ? ImGui::CalcTextSize(" ").x : 0.0f;
        if (!gap || ImGui::GetItemRectMax().x + space + w <= right) ImGui::SameLine(0, space);
    }
    const bool coloured = code || strong;
    if (coloured) ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(code ? col::accent : col::rgb(255, 255, 255)));
    ImGui::TextUnformatted(word.data(), word.data() + word.size());
    if (coloured) ImGui::PopStyleColor();
    if (code) ImGui::PopFont();
    line_start = false;
}

// Is line[i] a '*' that opens (before a word) or closes (after one) emphasis?
bool emphasis_mark(std::string_view line, size_t i, bool open) {
    if (line[i] != '*') return false;
    size_t k = i;
    while (k < line.size() && line[k] == '*') ++k;
    if (open) return k < line.size() && line[k] != ' ' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '(');
    return i > 0 && line[i - 1] != ' ' && line[i - 1] != '*';
}
}  // namespace

void text_with_code(std::string_view text, ImFont* code) {
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    bool line_start = true, in_code = false, in_strong = false;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        const std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.find_first_not_of(' ') == std::string_view::npos) {   // a blank line ends a paragraph
            if (!line_start) ImGui::Spacing();
            line_start = true;
            in_code = in_strong = false;
            continue;
        }
        if (line.rfind("- ", 0) == 0) line_start = true;   // a list item starts its own line
        bool gap = true;   // a line break inside a paragraph is a space
        for (size_t i = 0; i < line.size();) {
            if (line[i] == '`') { in_code = !in_code; ++i; continue; }
            if (line[i] == ' ') { gap = true; ++i; continue; }
            if (!in_code && emphasis_mark(line, i, !in_strong)) {
                in_strong = !in_strong;
                while (i < line.size() && line[i] == '*') ++i;
                continue;
            }
            size_t j = i;
            while (j < line.size() && line[j] != ' ' && line[j] != '`' &&
                   !(!in_code && in_strong && emphasis_mark(line, j, false)))
                ++j;
            flow_word(line.substr(i, j - i), in_code ? code : nullptr, in_strong && !in_code, line_start, gap, right);
            gap = false;
            i = j;
        }
    }
}

void help_marker(const char* text) {
    ImGui::TextDisabled("(?)");
    hover_tooltip(text);
}

ImU32 slab_colour(const std::string& instruction, bool from_base, bool committed) {
    if (committed) return col::slab_commit;
    if (from_base) return col::slab_base;
    auto starts = [&](const char* kw) {
        size_t n = std::char_traits<char>::length(kw);
        if (instruction.size() < n) return false;
        for (size_t i = 0; i < n; ++i)
            if (std::toupper(static_cast<unsigned char>(instruction[i])) != kw[i]) return false;
        return true;
    };
    if (starts("RUN")) return col::slab_run;
    if (starts("COPY") || starts("ADD")) return col::slab_copy;
    return col::slab_other;
}

ImU32 verdict_colour(Verdict v) {
    switch (v) {
    case Verdict::absent: return col::dim;
    case Verdict::hit: return col::added;
    case Verdict::merged: return col::accent;
    case Verdict::shadowed: return col::modified;
    case Verdict::whiteout: return col::deleted;
    case Verdict::opaque_stop: return col::opaque;
    case Verdict::blocked: return col::deleted;
    }
    return col::dim;
}

const char* verdict_glyph(Verdict v) {
    switch (v) {
    case Verdict::absent: return k_glyph_circle;
    case Verdict::hit: return k_glyph_check;
    case Verdict::merged: return k_glyph_diamond;
    case Verdict::shadowed: return k_glyph_tri_down;
    case Verdict::whiteout: return k_glyph_whiteout;
    case Verdict::opaque_stop: return k_glyph_opaque;
    case Verdict::blocked: return k_glyph_cross;
    }
    return "?";
}

int lookup_beats(const UiState& s) {
    const double beat = dur(s, 0.25);
    if (beat <= 0) return 1 << 20;
    return int((now() - s.lookup.start) / beat);
}

uint32_t lookup_row_layer(const lab::LookupReport& r, int row) {
    if (r.in_container && row == 0) return k_upper_layer;
    const int image_layers = int(r.layers_total) - (r.in_container ? 1 : 0);
    const int below = row - (r.in_container ? 1 : 0);
    return uint32_t(image_layers - 1 - below);
}

const lab::LookupReport* live_lookup(const UiState& s) {
    const lab::LookupReport* r = s.lab->last_lookup();
    if (!r || s.lookup.start < 0 || r->serial != s.lookup.serial || r->revision != s.lab->revision()) return nullptr;
    return r;
}

}  // namespace ll::ui
