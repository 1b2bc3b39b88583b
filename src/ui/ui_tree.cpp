// ui_tree.cpp: the Tree tab, the image's file system as dive shows it.
//
//   [Merged: the whole stack ▼]  (•) size  ( ) name
//   NAME                       SIZE     MARK
//   ▼ usr                      1.9 MiB
//     ▶ bin                    1.9 MiB
//   ▶ etc                      3.1 KiB   M
//
// Directories show the total size of everything below them and open with a
// click; children are ordered by size (largest first) or by name. The source
// is the merged view at the cursor or one layer's changes with A/M/D marks
// (core/fs_tree.h); a slab clicked in the stack picks its layer. The tree is
// built when the image, the source or the order changes, never per frame; a
// directory shows k_rows_step rows at first (the largest first when sorted
// by size) and a "Show N more" row that adds as many again, so every entry
// can be reached without drawing 10,000 rows a frame.
#include <imgui.h>

#include <chrono>
#include <string>

#include "core/fs_tree.h"
#include "core/lab/lab.h"
#include "ui/ui.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

constexpr size_t k_rows_step = 400;

void draw_children(const FsTree& t, const TreeNode& n, bool layer_view, const UiFonts& fonts);

ImU32 mark_colour(char m) {
    return m == 'A' ? col::added : m == 'M' ? col::modified : m == 'D' ? col::deleted : col::dim;
}

void ensure_tree(UiState& s) {
    lab::Lab& lab = *s.lab;
    const Image& img = lab.image_at_cursor();
    if (s.selected_layer != s.tree.seen_selected) {  // a slab clicked: show its changes
        s.tree.seen_selected = s.selected_layer;
        if (s.selected_layer >= 0) s.tree.source = s.selected_layer;
    }
    if (s.tree.source >= int(img.layer_count())) s.tree.source = -1;
    uint64_t key = lab.revision() * 131071u + uint64_t(s.tree.source + 1) * 2u + (s.tree.by_size ? 1u : 0u);
    if (s.tree.tree && key == s.tree.key) return;
    auto t0 = std::chrono::steady_clock::now();
    const Store& st = lab.store();
    FsTree t = s.tree.source < 0 ? merged_tree(img, st.paths, st.blobs)
                                 : layer_tree(img, size_t(s.tree.source), st.paths, st.blobs);
    t.sort(s.tree.by_size);
    s.tree.tree = std::make_shared<const FsTree>(std::move(t));
    s.tree.key = key;
    s.tree.build_ms = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void draw_row(const FsTree& t, uint32_t at, bool layer_view, const UiFonts& fonts) {
    const TreeNode& n = t.nodes[at];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    bool dir = n.type == EntryType::dir && !n.children.empty();
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_SpanFullWidth | ImGuiTreeNodeFlags_OpenOnArrow |
                               ImGuiTreeNodeFlags_OpenOnDoubleClick;
    if (!dir) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(n.mark == ' ' ? col::text : mark_colour(n.mark)));
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    std::string label = n.name + (n.type == EntryType::dir ? "/" : "");
    bool open = ImGui::TreeNodeEx(reinterpret_cast<void*>(uintptr_t(at) + 1), flags, "%s", label.c_str());
    if (fonts.mono) ImGui::PopFont();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
        hover_tooltip((std::string(entry_type_name(n.type)) + ", " + std::to_string(n.files) + " file" +
                       (n.files == 1 ? "" : "s") + (n.type == EntryType::dir ? " below" : "") +
                       (n.type == EntryType::whiteout ? ": a whiteout; the size is what it hides in the layers below"
                                                      : ""))
                          .c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_bytes(n.total).c_str());
    ImGui::TableNextColumn();
    if (layer_view) {
        if (n.mark != ' ') ImGui::TextColored(to_vec4(mark_colour(n.mark)), "%c", n.mark);
    } else {
        ImGui::TextDisabled("%u", n.layer);
    }
    if (dir && open) {
        draw_children(t, n, layer_view, fonts);
        ImGui::TreePop();
    }
}

// A directory's rows, k_rows_step more each time its "Show more" row is
// clicked (the count is kept per directory in ImGui's state storage).
void draw_children(const FsTree& t, const TreeNode& n, bool layer_view, const UiFonts& fonts) {
    ImGuiStorage* store = ImGui::GetStateStorage();
    ImGuiID key = ImGui::GetID("##rows");
    size_t limit = size_t(store->GetInt(key, int(k_rows_step)));
    size_t shown = std::min(n.children.size(), limit);
    for (size_t i = 0; i < shown; ++i) draw_row(t, n.children[i], layer_view, fonts);
    if (shown < n.children.size()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        size_t left = n.children.size() - shown;
        std::string label = "Show " + std::to_string(std::min(left, k_rows_step)) + " more (" +
                            std::to_string(left) + " not shown yet)##more";
        if (ImGui::SmallButton(label.c_str())) store->SetInt(key, int(std::min<size_t>(limit + k_rows_step, 1u << 30)));
    }
}

}  // namespace

void draw_tree(UiState& s, const UiFonts& fonts) {
    lab::Lab& lab = *s.lab;
    const Image& img = lab.image_at_cursor();
    ensure_tree(s);
    std::string current = s.tree.source < 0 ? "Merged: the whole stack"
                                            : "Layer " + std::to_string(s.tree.source) + ": its changes";
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::BeginCombo("##tree.source", current.c_str())) {
        if (ImGui::Selectable("Merged: the whole stack", s.tree.source < 0)) s.tree.source = -1;
        const auto& views = lab.layers();
        for (int i = int(img.layer_count()) - 1; i >= 0; --i) {
            std::string l = "Layer " + std::to_string(i) + ": " +
                            (size_t(i) < views.size() ? views[size_t(i)].instruction : std::string());
            if (ImGui::Selectable(ellipsize(l, 420.0f).c_str(), s.tree.source == i)) s.tree.source = i;
        }
        ImGui::EndCombo();
    }
    publish_rect(s, "tree.source");
    ImGui::SameLine();
    if (ImGui::RadioButton("by size", s.tree.by_size)) s.tree.by_size = true;
    publish_rect(s, "tree.by_size");
    ImGui::SameLine();
    if (ImGui::RadioButton("by name", !s.tree.by_size)) s.tree.by_size = false;
    publish_rect(s, "tree.by_name");
    ensure_tree(s);
    const FsTree& t = *s.tree.tree;
    bool layer_view = s.tree.source >= 0;
    const TreeNode& root = t.nodes[0];
    ImGui::TextDisabled("%s in %u files%s", format_bytes(root.total).c_str(), root.files,
                        layer_view ? "  ·  A added, M modified, D removed (whiteout)" : "  ·  LAYER: where each file comes from");
    if (ImGui::IsItemHovered()) hover_tooltip(("built in " + std::to_string(int(s.tree.build_ms)) + " ms").c_str());
    ImGuiTableFlags tf = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                         ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("tree.table", 3, tf)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("NAME", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("SIZE", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.0f);
        ImGui::TableSetupColumn(layer_view ? "MARK" : "LAYER", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 3.5f);
        ImGui::TableHeadersRow();
        draw_children(t, root, layer_view, fonts);
        if (root.children.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled(layer_view ? "(this layer changes nothing)" : "(an empty file system)");
        }
        ImGui::EndTable();
    }
}

}  // namespace ll::ui
