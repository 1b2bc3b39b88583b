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

const char* verdict_text(int v) {
    switch (Verdict(v)) {
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

ImU32 verdict_colour(int v) {
    switch (Verdict(v)) {
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

const char* verdict_glyph(int v) {
    switch (Verdict(v)) {
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

    const bool live = L.start >= 0 && L.revision == lab.revision();
    if (L.start >= 0 && !live) {
        ImGui::TextDisabled("The view changed since this lookup: look it up again.");
        if (ImGui::SmallButton("Again")) cmd_lookup(s, L.asked);
        return;
    }
    if (!live) {
        ImGui::Spacing();
        ImGui::TextDisabled(lab.lookup_in_container() ? "Looks up in the running container (its writable layer first)."
                                                      : "Looks up in the image at the current step.");
        return;
    }

    const double beat = dur(s, 0.25);
    int shown = beat <= 0 ? 1 << 20 : int((now() - L.start) / beat);
    ImGui::Spacing();
    ImGui::TextDisabled("%s, top layer first:", L.in_container ? "In the container" : "In the image");
    const auto& layers = lab.layers();
    if (ImGui::BeginTable("##trace", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, std::max(80.0f, ImGui::GetContentRegionAvail().y - ImGui::GetFontSize() * 3.2f)))) {
        ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthFixed, 56);
        ImGui::TableSetupColumn("Made by", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        for (size_t r = 0; r < L.rows.size(); ++r) {
            const auto& row = L.rows[r];
            bool reached = int(r) <= shown && row.verdict >= 0;
            bool current = int(r) == std::min(shown, L.visited - 1);
            ImGui::TableNextRow();
            if (current && shown < L.visited)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(col::accent, 0.35f));
            ImGui::TableNextColumn();
            std::string name = row.layer == k_upper_layer ? "upper" : "L" + std::to_string(row.layer);
            ImGui::TextColored(to_vec4(reached ? col::text : col::faint), "%s %s", current ? k_glyph_right : " ",
                               name.c_str());
            ImGui::TableNextColumn();
            std::string made = row.layer == k_upper_layer  ? "the container's writable layer"
                               : row.layer < layers.size() ? layers[row.layer].instruction
                                                           : std::string();
            if (fonts.mono) ImGui::PushFont(fonts.mono);
            ImGui::TextColored(to_vec4(reached ? col::text : col::faint), "%s",
                               ellipsize(made, ImGui::GetContentRegionAvail().x).c_str());
            if (fonts.mono) ImGui::PopFont();
            ImGui::TableNextColumn();
            if (reached) {
                ImGui::TextColored(to_vec4(verdict_colour(row.verdict)), "%s %s", verdict_glyph(row.verdict),
                                   verdict_name(Verdict(row.verdict)));
                std::string tip = std::string(verdict_text(row.verdict));
                if (!row.at.empty() && row.at != L.asked) tip += " (about " + row.at + ")";
                hover_tooltip(tip.c_str());
            } else if (row.verdict < 0 && int(r) <= shown) {
                ImGui::TextDisabled("not visited");
            }
        }
        ImGui::EndTable();
    }
    if (shown >= L.visited) {
        ImGui::TextColored(to_vec4(L.found ? col::added : col::deleted), "%s", L.found ? k_glyph_check : k_glyph_cross);
        ImGui::SameLine();
        ImGui::TextWrapped("%s", L.result.c_str());
        publish_rect(s, "lookup.result");
    } else {
        ImGui::TextDisabled("visiting layer %d of %zu…", shown + 1, L.rows.size());
    }
}

}  // namespace ll::ui
