// ui_stepdeck.cpp: the cassette deck (reset, back, step, run/pause, end,
// speed) and the timeline of steps, each a chip you can click to jump to.
// Chips show the step's state with colour AND glyph: ✓ cached, ● ran,
// ✗ failed, ○ not yet, dim for stages the target does not need.
#include <imgui.h>

#include <cstdio>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

struct ChipLook {
    ImU32 fill, border, text;
    const char* glyph;
};

ChipLook chip_look(build::StepState st, bool empty_layer) {
    switch (st) {
    case build::StepState::cached: return {col::rgb(34, 70, 44), col::cached, col::text, k_glyph_check};
    case build::StepState::done:
        return {empty_layer ? col::rgb(44, 48, 58) : col::rgb(36, 60, 96), col::accent, col::text, k_glyph_dot};
    case build::StepState::failed: return {col::rgb(86, 34, 34), col::failed, col::text, k_glyph_cross};
    case build::StepState::skipped: return {col::rgb(30, 32, 38), col::faint, col::faint, "–"};
    case build::StepState::pending: break;
    }
    return {col::rgb(30, 33, 40), col::faint, col::dim, k_glyph_circle};
}

}  // namespace

void draw_stepdeck(UiState& s, const UiFonts& fonts, Rect area) {
    lab::Lab& lab = *s.lab;
    place_window(area);
    ImGui::Begin("Step deck", nullptr, k_panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    const auto& steps = lab.steps();
    const bool has = lab.has_build();

    // ---- controls
    if (icon_button("##reset", Icon::reset, "Reset: back to the start, before FROM (Home)", has && lab.cursor() > 0))
        cmd_reset(s);
    publish_rect(s, "deck.reset");
    ImGui::SameLine();
    if (icon_button("##back", Icon::back, "Step back (Left arrow): instant, every step keeps its image",
                    has && lab.cursor() > 0))
        cmd_back(s);
    publish_rect(s, "deck.back");
    ImGui::SameLine();
    if (icon_button("##step", Icon::step, "Step (Right arrow): run the next instruction", has && !lab.at_end()))
        cmd_step(s);
    publish_rect(s, "deck.step");
    ImGui::SameLine();
    if (icon_button("##run", s.deck.running ? Icon::pause : Icon::play,
                    s.deck.running ? "Pause (Space)" : "Run (Space): step on its own, at the chosen speed", has,
                    s.deck.running))
        cmd_toggle_run(s);
    publish_rect(s, "deck.run");
    ImGui::SameLine();
    if (icon_button("##end", Icon::end, "Run to the end (End)", has && !lab.at_end())) cmd_run_to_end(s);
    publish_rect(s, "deck.end");
    const bool touch = touch_layout();  // the phone: the speed takes the rest of the row, the words the next
    const float row_h = touch ? k_touch_target + 4.0f : ImGui::GetFrameHeight() * 1.25f;
    ImGui::SameLine(0, touch ? 8 : 16);
    {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (row_h - ImGui::GetFrameHeight()) * 0.5f);
        ImGui::SetNextItemWidth(touch ? std::max(k_touch_target, ImGui::GetContentRegionAvail().x) : 110.0f);
        ImGui::SliderFloat("##speed", &s.deck.speed, 0.25f, 4.0f, "speed %.2g×", ImGuiSliderFlags_Logarithmic);
        hover_tooltip("Animation and run speed (0.25× to 4×). View › Reduce motion turns the animations off.");
        publish_rect(s, "deck.speed");
    }
    if (!touch) ImGui::SameLine(0, 16);
    {
        // where we are, in words
        int cur = lab.current_step();
        char head[64];
        std::snprintf(head, sizeof head, "Step %zu of %zu", lab.cursor(), steps.size());
        if (!touch) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (row_h - ImGui::GetTextLineHeight()) * 0.5f);
        s.deck.work_shown = lab.busy();
        if (lab.busy()) {
            // a step is building (issue 14): say which, before the frame that runs it
            static const char* spin[] = {"·  ", "·· ", "···"};
            const char* dots = spin[int(ImGui::GetTime() * 3) % 3];
            if (fonts.mono) ImGui::PushFont(fonts.mono);
            std::string label = lab.work_label() + " " + dots;
            ImGui::TextColored(to_vec4(col::accent), "%s",
                               ellipsize(label, ImGui::GetContentRegionAvail().x - 8).c_str());
            if (fonts.mono) ImGui::PopFont();
        } else if (!has) {
            if (!lab.errors().empty())
                ImGui::TextColored(to_vec4(col::failed), "%s The Dockerfile has %zu error%s: nothing to build",
                                   k_glyph_cross, lab.errors().size(), lab.errors().size() == 1 ? "" : "s");
            else
                ImGui::TextDisabled("No build yet");
        } else {
            ImGui::TextUnformatted(head);
            if (cur >= 0) {
                const build::Step& st = steps[size_t(cur)];
                ImGui::SameLine();
                ChipLook lk = chip_look(st.state, st.empty_layer);
                ImGui::TextColored(to_vec4(lk.border), "%s", lk.glyph);
                ImGui::SameLine();
                if (fonts.mono) ImGui::PushFont(fonts.mono);
                std::string ins = lab.step_instruction(size_t(cur));
                float avail = ImGui::GetContentRegionAvail().x - 8;
                ImGui::TextUnformatted(ellipsize(ins, avail * 0.6f).c_str());
                if (fonts.mono) ImGui::PopFont();
                if (!st.cache_note.empty()) {
                    ImGui::SameLine();
                    ImGui::TextColored(to_vec4(st.state == build::StepState::cached ? col::cached : col::dim), "%s",
                                       ellipsize(st.cache_note, ImGui::GetContentRegionAvail().x).c_str());
                    hover_tooltip(st.cache_note.c_str());
                }
            } else if (lab.cursor() == 0) {
                ImGui::SameLine();
                ImGui::TextDisabled("· nothing has run yet: press → to run FROM");
            }
        }
    }

    // ---- timeline
    ImGui::Spacing();
    const float chip_h = touch ? k_touch_target : ImGui::GetFontSize() * 1.55f;
    const float avail = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!steps.empty()) {
        const float gap = 4.0f;
        const float min_w = touch ? k_touch_target : 22.0f;
        float chip_w = std::clamp((avail - gap * float(steps.size() - 1)) / float(steps.size()), min_w, 180.0f);
        const bool scrolls = chip_w <= min_w;
        ImGui::BeginChild("##timeline", ImVec2(avail, chip_h + 6 + (scrolls && touch ? ImGui::GetStyle().ScrollbarSize : 0.0f)), false,
                          scrolls ? ImGuiWindowFlags_HorizontalScrollbar : ImGuiWindowFlags_NoScrollbar);
        ImDrawList* cdl = ImGui::GetWindowDrawList();
        int cur = lab.current_step();
        size_t prev_stage = steps.front().stage;
        for (size_t i = 0; i < steps.size(); ++i) {
            const build::Step& st = steps[i];
            if (i > 0) ImGui::SameLine(0, st.stage != prev_stage ? gap * 3 : gap);
            prev_stage = st.stage;
            ImGui::PushID(int(i));
            ImVec2 p = ImGui::GetCursorScreenPos();
            bool clicked = ImGui::InvisibleButton("##chip", ImVec2(chip_w, chip_h));
            bool hovered = ImGui::IsItemHovered();
            publish_rect(s, "timeline." + std::to_string(i));
            bool shown = i < lab.cursor();
            ChipLook lk = chip_look(st.state, st.empty_layer);
            ImU32 fill = lk.fill;
            if (!shown && st.state != build::StepState::pending && st.state != build::StepState::skipped)
                fill = with_alpha(fill, 0.45f);  // ran, but after the cursor (stepped back)
            bool highlight = hovered || s.hover_step == int(i);
            ImVec2 q(p.x + chip_w, p.y + chip_h);
            cdl->AddRectFilled(p, q, fill, 4.0f);
            cdl->AddRect(p, q, int(i) == cur ? col::text : with_alpha(lk.border, highlight ? 1.0f : 0.6f), 4.0f, 0,
                         int(i) == cur ? 2.0f : 1.0f);
            // label: glyph + number + keyword
            char num[24];
            std::snprintf(num, sizeof num, "%zu", i + 1);
            std::string label = std::string(lk.glyph) + " " + num;
            if (chip_w > 70) label += std::string(" ") + dockerfile::kind_name(st.kind);
            ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            if (ts.x > chip_w - 6) {
                label = num;
                ts = ImGui::CalcTextSize(label.c_str());
            }
            cdl->PushClipRect(p, q, true);
            cdl->AddText(ImVec2(p.x + (chip_w - ts.x) * 0.5f, p.y + (chip_h - ts.y) * 0.5f), lk.text, label.c_str());
            cdl->PopClipRect();
            if (hovered) {
                s.hover_step_next = int(i);
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(460);
                ImGui::TextUnformatted(st.title.c_str());
                ImGui::TextColored(to_vec4(lk.border), "%s %s", lk.glyph, build::step_state_name(st.state));
                if (!st.cache_note.empty()) ImGui::TextDisabled("%s", st.cache_note.c_str());
                if (st.state == build::StepState::done || st.state == build::StepState::cached)
                    ImGui::TextDisabled("%s", st.empty_layer ? "no layer (config only)" : "made a layer");
                ImGui::TextDisabled("Click to jump here.");
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (clicked && st.state != build::StepState::skipped) cmd_goto(s, i + 1);
            ImGui::PopID();
        }
        ImGui::EndChild();
    } else {
        ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRect(p, ImVec2(p.x + avail, p.y + chip_h), col::faint, 4.0f);
        ImGui::Dummy(ImVec2(avail, chip_h));
    }
    ImGui::End();
}

}  // namespace ll::ui
