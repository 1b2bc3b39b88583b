// ui_phone.cpp: the phone layout's tab bar (issue 13).
//
// Below k_phone_width CSS px (ui.cpp) the page is one column: the step deck
// on top, this bar of four tabs under it, and the chosen part below:
//
//   ┌ Menu ───────────────────── title ┐
//   │ ⏮ ◀ ▶ ⏯ ⏭  speed                 │
//   │ Step 3 of 5 · RUN ...            │
//   │ [1 FROM][2 COPY][3 RUN]...       │
//   ├ Dockerfile│Layers│Inspect│What ──┤   this window
//   │                                  │
//   │  the editor (with the lesson and │
//   │  the question above it), or the  │
//   │  stack, or the inspector, or the │
//   │  narration and the summary       │
//   └──────────────────────────────────┘
//
// Each tab is a button at least 44 CSS px tall, a quarter of the width. The inspector's six
// tabs, which an ImGui tab bar cuts to "Contain…" and "Compar…" in 390 px, are a grid of
// the same buttons on the phone (draw_phone_tab_grid): two rows of three.
#include <imgui.h>

#include "ui/ui_common.h"

namespace ll::ui {

const char* const k_phone_tabs[k_phone_tab_count] = {"Dockerfile", "Layers", "Inspect", "What happened"};

namespace {

// One tab as a button, `w` x `h`: the chosen one lit and underlined. True when tapped.
bool tab_button(UiState& s, const char* name, float w, float h, bool on, const std::string& published) {
    ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(on ? col::rgb(52, 80, 124) : col::rgb(40, 44, 52)));
    // a name wider than its button ("What happened" in a quarter of 390 px) takes two lines
    std::string label = name;
    if (ImGui::CalcTextSize(label.c_str()).x > w - 8) {
        size_t sp = label.find(' ');
        if (sp != std::string::npos) label[sp] = '\n';
    }
    label += "##phonetab";
    const bool tapped = ImGui::Button(label.c_str(), ImVec2(w, h));
    ImGui::PopStyleColor();
    publish_rect(s, published);
    if (on) {
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, b.y - 3), b, col::accent);
    }
    return tapped;
}

}  // namespace

void draw_phone_tabs(UiState& s, Rect area) {
    place_window(area);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2, 0));
    ImGui::Begin("##phone.tabs", nullptr, k_panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    const float w = (area.w - 2.0f * float(k_phone_tab_count - 1)) / float(k_phone_tab_count);
    for (int i = 0; i < k_phone_tab_count; ++i) {
        if (i) ImGui::SameLine();
        ImGui::PushID(i);
        if (tab_button(s, k_phone_tabs[i], w, area.h, s.phone_tab == PhoneTab(i), std::string("phone.tab.") + k_phone_tabs[i]))
            s.phone_tab = PhoneTab(i);
        ImGui::PopID();
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

int draw_phone_tab_grid(UiState& s, const char* const names[], int n, int per_row, int current, const std::string& prefix) {
    int tapped = -1;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(4, 4));
    const float w = (ImGui::GetContentRegionAvail().x - 4.0f * float(per_row - 1)) / float(per_row);
    for (int i = 0; i < n; ++i) {
        if (i % per_row) ImGui::SameLine();
        ImGui::PushID(i);
        if (tab_button(s, names[i], w, k_touch_target, i == current, prefix + names[i])) tapped = i;
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    return tapped;
}

}  // namespace ll::ui
