// ui_compare.cpp: the Compare tab, two images side by side.
//
//   A  03-delete-trap, step 5 of 5    22.1 MiB  wasted 19.1 MiB   [Keep this image as A]
//   B  your Dockerfile, step 4 of 4    3.0 MiB  wasted 0 B
//   B is 19.1 MiB smaller than A
//   2 bottom layers shared (same ChainID): 2.9 MiB stored once
//   LAYER  A                 B
//   ...
//   C /etc/passwd  contents  ...      (the files that differ, A to B)
//
// A is an image kept with "Keep this image as A" (Lab::pin_image); B is the
// image at the cursor, so stepping, editing the Dockerfile, loading a sample
// or opening an image file changes B. The comparison (core/image_compare.h)
// is made once per change of the Lab, not per frame.
#include <imgui.h>

#include <string>

#include "core/image_compare.h"
#include "core/lab/lab.h"
#include "ui/ui.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

ImU32 delta_colour(FileDelta d) {
    return d == FileDelta::added ? col::added : d == FileDelta::removed ? col::deleted : col::modified;
}

std::string signed_bytes(uint64_t a, uint64_t b) {
    if (a == b) return "the same size as A";
    return format_bytes(a > b ? a - b : b - a) + (b < a ? " smaller than A" : " larger than A");
}

void draw_layers_table(const ImageComparison& c) {
    ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("compare.layers", 3, tf)) return;
    ImGui::TableSetupColumn("LAYER", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.5f);
    ImGui::TableSetupColumn("A");
    ImGui::TableSetupColumn("B");
    ImGui::TableHeadersRow();
    size_t n = std::max(c.a.size(), c.b.size());
    for (size_t i = n; i-- > 0;) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i);
        for (const std::vector<ComparedLayer>* side : {&c.a, &c.b}) {
            ImGui::TableNextColumn();
            if (i >= side->size()) continue;
            const ComparedLayer& l = (*side)[i];
            bool shared = i < c.common_base;
            ImU32 colour = shared ? col::cached : l.in_other ? col::modified : col::text;
            ImGui::TextColored(to_vec4(colour), "%s  %s%s", l.diff_id.short_hex(12).c_str(), format_bytes(l.size).c_str(),
                               shared ? "  shared" : l.in_other ? "  same DiffID" : "");
        }
    }
    ImGui::EndTable();
}

void draw_files_list(const ImageComparison& c, const PathTable& paths, const UiFonts& fonts) {
    ImGuiTableFlags tf = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("compare.files", 3, tf)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 1.2f);
    ImGui::TableSetupColumn("PATH (A to B)", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("SIZE", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(int(c.files.size()));
    while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const ComparedFile& f = c.files[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(to_vec4(delta_colour(f.delta)), "%s", file_delta_mark(f.delta));
            ImGui::TableNextColumn();
            if (fonts.mono) ImGui::PushFont(fonts.mono);
            ImGui::TextUnformatted(paths.str(f.path).c_str());
            if (fonts.mono) ImGui::PopFont();
            if (!f.what.empty() && ImGui::IsItemHovered()) hover_tooltip(("changed: " + f.what).c_str());
            ImGui::TableNextColumn();
            if (f.delta == FileDelta::changed)
                ImGui::TextUnformatted((format_bytes(f.size_a) + " " + k_glyph_right + " " + format_bytes(f.size_b)).c_str());
            else
                ImGui::TextUnformatted(format_bytes(f.delta == FileDelta::added ? f.size_b : f.size_a).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_compare(UiState& s, const UiFonts& fonts) {
    lab::Lab& lab = *s.lab;
    if (ImGui::Button("Keep this image as A")) lab.pin_image();
    publish_rect(s, "compare.pin");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        hover_tooltip("Keeps the image at the cursor to compare with: then edit the Dockerfile, load another "
                      "sample or open an image file, and this tab shows what changed (B is always the image at "
                      "the cursor).");
    const Image* a = lab.pinned_image();
    if (!a) {
        ImGui::TextWrapped("No image is kept as A yet. Try the delete trap: build 03-delete-trap to its end, keep "
                           "it as A, then move the rm into the RUN that downloads, and see the bytes it saves.");
        return;
    }
    ImGui::SameLine();
    if (ImGui::Button("Forget A")) {
        lab.unpin_image();
        return;
    }
    if (!s.compare.result || s.compare.key != lab.revision()) {
        const Store& st = lab.store();
        s.compare.result = std::make_shared<const ImageComparison>(
            compare_images(*a, lab.image_at_cursor(), st.paths, st.blobs));
        s.compare.key = lab.revision();
    }
    const ImageComparison& c = *s.compare.result;
    ImGui::TextColored(to_vec4(col::dim), "A");
    ImGui::SameLine();
    ImGui::Text("%s  ·  %s, wasted %s", lab.pinned_label().c_str(), format_bytes(c.size_a).c_str(),
                format_bytes(c.wasted_a).c_str());
    ImGui::TextColored(to_vec4(col::dim), "B");
    ImGui::SameLine();
    ImGui::Text("%s  ·  %s, wasted %s", lab.image_label().c_str(), format_bytes(c.size_b).c_str(),
                format_bytes(c.wasted_b).c_str());
    ImGui::TextColored(to_vec4(c.size_b < c.size_a ? col::added : c.size_b > c.size_a ? col::deleted : col::text),
                       "B is %s", signed_bytes(c.size_a, c.size_b).c_str());
    publish_rect(s, "compare.saved");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%u bottom layer%s shared (same ChainID): %s stored once  ·  files: %u added, %u removed, "
                        "%u changed",
                        c.common_base, c.common_base == 1 ? "" : "s", format_bytes(c.shared_bytes).c_str(), c.added,
                        c.removed, c.changed);
    ImGui::PopTextWrapPos();
    draw_layers_table(c);
    ImGui::Spacing();
    draw_files_list(c, lab.store().paths, fonts);
}

}  // namespace ll::ui
