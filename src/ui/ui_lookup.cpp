// ui_lookup.cpp: the Lookup tab. Pick a path (type it, or double-click one
// in Files) and watch overlayfs look it up: from the top layer (the
// container's writable layer when one runs) down, one layer per beat,
// each marked absent, hit, merged, shadowed, whiteout, opaque stop or
// blocked, until the search ends; then how many layers it visited.
#include <imgui.h>

#include <cstdio>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

const char* verdict_text(Verdict v) {
    switch (v) {
    case Verdict::absent: return "absent: not in this layer, look lower";
    case Verdict::hit: return "hit: this is what you see";
    case Verdict::merged: return "merged: a lower copy of the directory, its entries show too";
    case Verdict::shadowed: return "shadowed: a lower copy, hidden by the hit above";
    case Verdict::whiteout: return "whiteout: deleted here, the search ends";
    case Verdict::opaque_stop: return "opaque: the directory hides everything below";
    case Verdict::blocked: return "blocked: a parent is not a directory here";
    }
    return "";
}

}  // namespace

void draw_lookup(UiState& s, const UiFonts& fonts) {
    lab::Lab& lab = *s.lab;
    LookupState& L = s.lookup;

    ImGui::TextWrapped(
        "Where does a path come from? overlayfs asks the layers from the top down and stops at "
        "the first that has the name (or a whiteout of it).");
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - 110));
    bool go = ImGui::InputTextWithHint("##path", "/etc/os-release", L.input, sizeof L.input,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
    publish_rect(s, "lookup.input");
    if (fonts.mono) ImGui::PopFont();
    ImGui::SameLine();
    go |= ImGui::Button("Look up", ImVec2(100, 0));
    publish_rect(s, "lookup.button");
    hover_tooltip("Trace the lookup of this path (Enter in the field does the same).");
    if (go && L.input[0]) cmd_lookup(s, L.input);

    const lab::LookupReport* rep = lab.last_lookup();
    const bool started = L.start >= 0 && rep && rep->serial == L.serial;
    if (started && rep->revision != lab.revision()) {
        ImGui::TextDisabled("The view changed since this lookup: look it up again.");
        if (ImGui::SmallButton("Again")) cmd_lookup(s, rep->trace.asked);
        return;
    }
    if (!started) {
        ImGui::Spacing();
        ImGui::TextDisabled(lab.lookup_in_container() ? "Looks up in the running container (its writable layer first)."
                                                      : "Looks up in the image at the current step.");
        return;
    }

    const LookupTrace& t = rep->trace;
    const int visited = int(t.layers_visited());
    const int shown = lookup_beats(s);
    ImGui::Spacing();
    ImGui::TextDisabled("%s, top layer first:", rep->in_container ? "In the container" : "In the image");
    const auto& layers = lab.layers();
    if (ImGui::BeginTable("##trace", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFontSize() * 3.2f)))) {
        ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthFixed, 56);
        ImGui::TableSetupColumn("Made by", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (int r = 0; r < int(rep->layers_total); ++r) {
            const uint32_t layer = lookup_row_layer(*rep, r);
            const TraceStep* step = r < visited ? &t.steps[size_t(r)] : nullptr;
            const bool reached = r <= shown && step != nullptr;
            const bool current = r == std::min(shown, visited - 1);
            ImGui::TableNextRow();
            if (current && shown < visited)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(col::accent, 0.35f));
            ImGui::TableNextColumn();
            std::string name = layer == k_upper_layer ? "upper" : "L" + std::to_string(layer);
            ImGui::TextColored(to_vec4(reached ? col::text : col::faint), "%s %s", current ? k_glyph_right : " ",
                               name.c_str());
            ImGui::TableNextColumn();
            std::string made = layer == k_upper_layer  ? "the container's writable layer"
                               : layer < layers.size() ? layers[layer].instruction
                                                       : std::string();
            if (fonts.mono) ImGui::PushFont(fonts.mono);
            ImGui::TextColored(to_vec4(reached ? col::text : col::faint), "%s",
                               ellipsize(made, ImGui::GetContentRegionAvail().x).c_str());
            if (fonts.mono) ImGui::PopFont();
            ImGui::TableNextColumn();
            if (reached) {
                ImGui::TextColored(to_vec4(verdict_colour(step->verdict)), "%s %s", verdict_glyph(step->verdict),
                                   verdict_name(step->verdict));
                std::string tip = verdict_text(step->verdict);
                // the trace carries the text of every path it names (a name never seen included)
                std::string at = t.at_text(*step, lab.store().paths);
                if (at != t.asked) tip += " (about " + at + ")";
                hover_tooltip(tip.c_str());
            } else if (!step && r <= shown) {
                ImGui::TextDisabled("not visited");
            }
        }
        ImGui::EndTable();
    }
    if (shown >= visited) {
        const bool found = t.result == Errc::ok;
        ImGui::TextColored(to_vec4(found ? col::added : col::deleted), "%s", found ? k_glyph_check : k_glyph_cross);
        ImGui::SameLine();
        ImGui::TextWrapped("%s", rep->summary.c_str());
        publish_rect(s, "lookup.result");
    } else {
        ImGui::TextDisabled("visiting layer %d of %u…", shown + 1, rep->layers_total);
    }
}

}  // namespace ll::ui
