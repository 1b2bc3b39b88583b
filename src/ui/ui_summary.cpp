// ui_summary.cpp: the image in numbers. Total size, efficiency and wasted
// bytes (the N-1 rule: of a path's copies only the visible one is useful; a
// path deleted later wastes all of them), a size bar per layer, and when
// containers run or commits exist, what they share and what is their own.
#include <imgui.h>

#include <cstdio>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

void draw_summary(UiState& s, const UiFonts& fonts, Rect area) {
    lab::Lab& lab = *s.lab;
    place_window(area);
    ImGui::Begin("Image summary", nullptr, k_panel_flags);
    const Image& img = lab.image_at_cursor();
    const auto& layers = lab.layers();
    const WasteReport& w = lab.waste();
    if (img.layer_count() == 0) {
        ImGui::TextDisabled("No layers yet.");
        ImGui::End();
        return;
    }

    // ---- the three numbers
    ImGui::Text("Size %s", format_bytes(img.size()).c_str());
    publish_rect(s, "summary.size");
    ImGui::SameLine(0, 18);
    ImU32 eff_col = w.efficiency > 0.98 ? col::added : w.efficiency > 0.9 ? col::modified : col::deleted;
    ImGui::TextColored(to_vec4(eff_col), "efficiency %.1f%%", w.efficiency * 100.0);
    hover_tooltip(
        "1 - wasted / size. Wasted bytes ship in a layer but nobody sees them: lower copies of a path "
        "that a later layer replaced (N-1 of N copies), and every copy of a path a later layer deleted.");
    ImGui::SameLine(0, 18);
    ImGui::TextColored(to_vec4(w.wasted ? col::deleted : col::dim), "wasted %s", format_bytes(w.wasted).c_str());
    publish_rect(s, "summary.wasted");

    // ---- per-layer bars (largest first would hide the order: keep stack order, top first)
    const float label_w = 40.0f;
    uint64_t max_size = 1;
    for (const auto& l : layers) max_size = std::max(max_size, l.size);
    ImGui::BeginChild("##bars", ImVec2(ImGui::GetContentRegionAvail().x * 0.58f, 0), false);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row_h = ImGui::GetFontSize() + 3;
    for (size_t k = layers.size(); k > 0; --k) {
        const lab::LayerView& l = layers[k - 1];
        ImVec2 p = ImGui::GetCursorScreenPos();
        float w_avail = ImGui::GetContentRegionAvail().x - label_w - 70;
        ImGui::PushID(int(k));
        ImGui::InvisibleButton("##bar", ImVec2(ImGui::GetContentRegionAvail().x, row_h));
        bool hovered = ImGui::IsItemHovered();
        if (hovered) s.hover_layer_next = int(k - 1);
        ImGui::PopID();
        bool linked = s.hover_layer == int(k - 1) || (l.step >= 0 && l.step == s.hover_step);
        char idx[24];
        std::snprintf(idx, sizeof idx, "L%zu", k - 1);
        dl->AddText(ImVec2(p.x, p.y + 1), linked ? col::text : col::dim, idx);
        float bw = std::max(l.size ? 2.0f : 0.0f, w_avail * float(double(l.size) / double(max_size)));
        ImU32 c = slab_colour(l.instruction, l.from_base, l.committed);
        dl->AddRectFilled(ImVec2(p.x + label_w, p.y + 2), ImVec2(p.x + label_w + bw, p.y + row_h - 2),
                          linked ? lerp_col(c, col::text, 0.3f) : c, 2.0f);
        std::string sz = format_bytes(l.size);
        dl->AddText(ImVec2(p.x + label_w + bw + 6, p.y + 1), col::dim, sz.c_str());
        if (hovered) ImGui::SetTooltip("L%zu %s: %s", k - 1, l.instruction.c_str(), sz.c_str());
    }
    ImGui::EndChild();
    ImGui::SameLine();

    // ---- waste and sharing
    ImGui::BeginChild("##right", ImVec2(0, 0), false);
    if (!w.paths.empty()) {
        ImGui::TextDisabled("Largest waste");
        if (fonts.mono) ImGui::PushFont(fonts.mono);
        for (size_t i = 0; i < w.paths.size() && i < 3; ++i) {
            const PathWaste& pw = w.paths[i];
            std::string t = format_bytes(pw.wasted) + " " + lab.store().paths.str(pw.path);
            ImGui::TextColored(to_vec4(col::deleted), "%s", ellipsize(t, ImGui::GetContentRegionAvail().x).c_str());
            char tip[256];
            std::snprintf(tip, sizeof tip, "%u cop%s, %s in all%s", pw.copies, pw.copies == 1 ? "y" : "ies",
                          format_bytes(pw.total).c_str(),
                          pw.deleted ? "; deleted by a later layer, so all wasted" : "");
            hover_tooltip(tip);
        }
        if (fonts.mono) ImGui::PopFont();
    }
    if (lab.container_count() > 0 || lab.commit_count() > 0) {
        ImGui::TextDisabled("Shared and unique");
        hover_tooltip(
            "Containers and committed images reuse the image's layers: those bytes are stored once. "
            "Only a container's writable layer, and a commit's new layer, are its own.");
        for (size_t i = 0; i < lab.container_count(); ++i) {
            const auto& cs = lab.container_state(i);
            ImGui::Text("%s: own %s, shares %s", cs.name.c_str(), format_bytes(lab.container_size(i)).c_str(),
                        format_bytes(cs.container->image().size()).c_str());
        }
        if (lab.commit_count() > 0) {
            std::vector<const Image*> imgs = lab.images_for_sharing();
            if (imgs.size() >= 2) {
                ShareReport r = shared_sizes(imgs, lab.store().paths, lab.store().blobs);
                for (size_t i = 0; i < r.images.size(); ++i)
                    ImGui::Text("%s: unique %s, shared %s",
                                i == 0 ? "built image" : ("commit " + std::to_string(i)).c_str(),
                                format_bytes(r.images[i].unique).c_str(), format_bytes(r.images[i].shared).c_str());
                ImGui::TextDisabled("on disk once: %s", format_bytes(r.disk).c_str());
            }
        }
    } else if (w.paths.empty()) {
        ImGui::TextDisabled("No wasted bytes: no layer hides another's files.");
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace ll::ui
