// ui_narration.cpp: what just happened and why, in plain words, with the
// rule it follows; older entries below. The same text goes to the page's
// ARIA live region (ui.cpp, through UiHooks::announce).
#include <imgui.h>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

ImU32 kind_colour(lab::Narration::Kind k) {
    switch (k) {
    case lab::Narration::Kind::step: return col::accent;
    case lab::Narration::Kind::event: return col::slab_upper;
    case lab::Narration::Kind::error: return col::failed;
    case lab::Narration::Kind::info: break;
    }
    return col::dim;
}

const char* kind_glyph(lab::Narration::Kind k) {
    switch (k) {
    case lab::Narration::Kind::step: return k_glyph_right;
    case lab::Narration::Kind::event: return k_glyph_diamond;
    case lab::Narration::Kind::error: return k_glyph_cross;
    case lab::Narration::Kind::info: break;
    }
    return k_glyph_dot;
}

}  // namespace

void draw_narration(UiState& s, const UiFonts& fonts, Rect area) {
    (void)fonts;
    lab::Lab& lab = *s.lab;
    place_window(area);
    ImGui::Begin("What happened", nullptr, k_panel_flags);
    const auto& log = lab.narration();
    if (log.empty()) {
        ImGui::TextDisabled("Step through the build: each step and each container event is explained here.");
        ImGui::End();
        return;
    }
    const lab::Narration& last = log.back();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(kind_colour(last.kind)));
    ImGui::TextUnformatted(kind_glyph(last.kind));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    ImGui::TextUnformatted(last.text.c_str());
    publish_rect(s, "narration.text");
    if (!last.rule.empty()) {
        ImGui::TextColored(to_vec4(col::modified), "Rule:");
        ImGui::SameLine();
        ImGui::TextColored(to_vec4(col::modified), "%s", last.rule.c_str());
    }
    ImGui::PopTextWrapPos();
    if (log.size() > 1) {
        ImGui::Separator();
        ImGui::BeginChild("##older", ImVec2(0, 0), false);
        ImGuiListClipper clip;
        clip.Begin(int(log.size() - 1));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const lab::Narration& n = log[log.size() - 2 - size_t(i)];
                ImGui::TextColored(to_vec4(with_alpha(kind_colour(n.kind), 0.7f)), "%s", kind_glyph(n.kind));
                ImGui::SameLine();
                std::string line = ellipsize(n.text, ImGui::GetContentRegionAvail().x);
                ImGui::TextDisabled("%s", line.c_str());
                if (ImGui::IsItemHovered()) {
                    std::string tip = n.text + (n.rule.empty() ? "" : "\nRule: " + n.rule);
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(520);
                    ImGui::TextUnformatted(tip.c_str());
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
            }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace ll::ui
