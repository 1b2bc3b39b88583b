// ui_common.h: what the window files share: the palette (every colour that
// means something also has a glyph), icons drawn with ImDrawList (crisp at
// any pixel ratio), animation clocks and small text helpers.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "ui/ui.h"

namespace ll {
enum class Verdict : uint8_t;  // core/view.h
namespace lab {
struct LookupReport;
}
}  // namespace ll

namespace ll::ui {

// ---- palette -------------------------------------------------------------------
namespace col {
inline constexpr ImU32 rgb(int r, int g, int b, int a = 255) {
    return ImU32(r) | (ImU32(g) << 8) | (ImU32(b) << 16) | (ImU32(a) << 24);
}
inline constexpr ImU32 bg = rgb(26, 28, 33);
inline constexpr ImU32 panel = rgb(33, 36, 43);
inline constexpr ImU32 text = rgb(230, 232, 236);
inline constexpr ImU32 dim = rgb(150, 156, 168);
inline constexpr ImU32 faint = rgb(96, 102, 114);
inline constexpr ImU32 accent = rgb(77, 143, 224);    // current step, focus
inline constexpr ImU32 added = rgb(96, 196, 110);     // A  +
inline constexpr ImU32 modified = rgb(226, 190, 80);  // M  ~
inline constexpr ImU32 deleted = rgb(232, 100, 96);   // D  – and whiteouts ✗
inline constexpr ImU32 opaque = rgb(196, 132, 232);   // opaque directory ■
inline constexpr ImU32 cached = rgb(96, 196, 110);    // ✓ CACHED
inline constexpr ImU32 miss = rgb(236, 160, 64);      // ● ran
inline constexpr ImU32 failed = rgb(232, 100, 96);    // ✗ failed
// slabs, by who made the layer
inline constexpr ImU32 slab_base = rgb(70, 82, 104);     // came with FROM
inline constexpr ImU32 slab_run = rgb(36, 124, 110);     // RUN
inline constexpr ImU32 slab_copy = rgb(52, 98, 168);     // COPY / ADD
inline constexpr ImU32 slab_other = rgb(110, 84, 160);   // WORKDIR, ...
inline constexpr ImU32 slab_commit = rgb(176, 120, 40);  // docker commit
inline constexpr ImU32 slab_upper = rgb(214, 136, 52);   // a container's writable layer
}  // namespace col

inline ImVec4 to_vec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
inline ImU32 with_alpha(ImU32 c, float a) {
    return (c & 0x00ffffffu) | (ImU32(std::clamp(a, 0.0f, 1.0f) * float((c >> 24) & 0xff)) << 24);
}
inline ImU32 lerp_col(ImU32 a, ImU32 b, float t) {
    ImVec4 x = to_vec4(a), y = to_vec4(b);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

// ---- glyphs (all inside the embedded font subset, cmake/Fonts.cmake) ---------------
inline constexpr const char* k_glyph_added = "+";
inline constexpr const char* k_glyph_modified = "~";
inline constexpr const char* k_glyph_deleted = "\xe2\x80\x93";   // – (en dash)
inline constexpr const char* k_glyph_whiteout = "\xe2\x9c\x97";  // ✗
inline constexpr const char* k_glyph_opaque = "\xe2\x96\xa0";    // ■
inline constexpr const char* k_glyph_check = "\xe2\x9c\x93";     // ✓
inline constexpr const char* k_glyph_cross = "\xe2\x9c\x97";     // ✗
inline constexpr const char* k_glyph_dot = "\xe2\x97\x8f";       // ●
inline constexpr const char* k_glyph_circle = "\xe2\x97\x8b";    // ○
inline constexpr const char* k_glyph_down = "\xe2\x86\x93";      // ↓
inline constexpr const char* k_glyph_up = "\xe2\x86\x91";        // ↑
inline constexpr const char* k_glyph_right = "\xe2\x86\x92";     // →
inline constexpr const char* k_glyph_left = "\xe2\x86\x90";      // ←
inline constexpr const char* k_glyph_diamond = "\xe2\x97\x86";   // ◆
inline constexpr const char* k_glyph_tri_down = "\xe2\x96\xbc";  // ▼
inline constexpr const char* k_glyph_tri_up = "\xe2\x96\xb2";    // ▲

// ---- fixed-layout windows -----------------------------------------------------------
inline constexpr ImGuiWindowFlags k_panel_flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                  ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                                  ImGuiWindowFlags_NoBringToFrontOnFocus;
inline void place_window(Rect r) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
}

// Publish the last item's rectangle for tests (layerlab.ui.rect(name)).
inline void publish_rect(UiState& s, const std::string& name) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.rects[name] = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
}
inline void publish_rect(UiState& s, const std::string& name, ImVec2 a, ImVec2 b) {
    s.rects[name] = Rect{a.x, a.y, b.x - a.x, b.y - a.y};
}

// ---- animation clocks ------------------------------------------------------------------
inline double now() { return ImGui::GetTime(); }
// A duration in seconds at the current speed (reduced motion: instant).
inline double dur(const UiState& s, double seconds) {
    if (s.reduced_motion) return 0.0;
    return seconds / std::max(0.1f, s.deck.speed);
}
// 0..1 progress of an animation that started at `start` and lasts `d`.
inline float progress(double start, double d) {
    if (d <= 0.0) return 1.0f;
    return float(std::clamp((now() - start) / d, 0.0, 1.0));
}
inline float ease_out(float t) { return 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t); }
inline float ease_in_out(float t) { return t < 0.5f ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3.0f) / 2; }

// ---- the phone layout --------------------------------------------------------------------
// ui.cpp turns it on below k_phone_width CSS px: controls are at least k_touch_target tall.
inline constexpr float k_touch_target = 40.0f;
void set_touch_layout(bool on);
bool touch_layout();

// ---- a box behind a block of items (the lesson's goal, a question's verdict) ------------
// box_begin() splits the window's draw list and returns where the block starts; the items
// follow; box_end() fills and outlines the block behind them and publishes it as `name`.
ImVec2 box_begin();
void box_end(UiState& s, const std::string& name, ImVec2 top, ImU32 fill, ImU32 border);

// ---- icons ------------------------------------------------------------------------------
enum class Icon : uint8_t { reset, back, step, play, pause, end, plus, commit, trash, search };
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 center, float size, ImU32 color);
// A square button with a drawn icon; the tooltip names it and its key.
bool icon_button(const char* id, Icon icon, const char* tooltip, bool enabled = true, bool active = false);

// ---- text helpers ---------------------------------------------------------------------------
// Text clipped to `max_w`, with "…" when it does not fit.
std::string ellipsize(std::string_view text, float max_w);
// A coloured mark (glyph + letter) for a changeset entry.
void mark_glyph(char mark, ImDrawList* dl, ImVec2 pos);
// "sha256:0123456789ab"
std::string short_digest(const std::string& full);
// Tooltip with wrapped text when the last item is hovered.
void hover_tooltip(const char* text, float wrap = 420.0f);
// Prose as the lessons write it (a small part of Markdown): lines of a paragraph
// flow together and wrap at the content region's right edge, a blank line ends
// a paragraph, a line starting "- " starts a new line (a list item), a span
// between backticks is drawn in the `code` font and colour without its backticks,
// and *emphasis* or **strong** words are drawn brighter without their stars.
void text_with_code(std::string_view text, ImFont* code);
// A help marker "(?)" with a tooltip.
void help_marker(const char* text);
// A lookup verdict's colour and glyph (the Lookup tab and the stack's badges).
ImU32 verdict_colour(Verdict v);
const char* verdict_glyph(Verdict v);

// ---- the lookup being animated ----------------------------------------------------------------
// How many layers the descent has reached (one per beat; all of them with reduced motion).
int lookup_beats(const UiState& s);
// The layer of row r of a lookup's descent, top-down: the container's writable
// layer first (k_upper_layer) when one was searched, then the image's, top first.
uint32_t lookup_row_layer(const lab::LookupReport& r, int row);
// The Lab's last lookup if the UI is animating it and the model has not moved since, else null.
const lab::LookupReport* live_lookup(const UiState& s);

// Slab colour for a layer view (by origin and instruction kind).
ImU32 slab_colour(const std::string& instruction, bool from_base, bool committed);

}  // namespace ll::ui
