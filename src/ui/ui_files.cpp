// ui_files.cpp: the Files tab. Two lists:
//   merged view   what a process in the image (or the running container) sees:
//                 every path with the layer that provides it and the lower
//                 copies it shadows;
//   layer changes the selected slab's own changeset: A added, M modified,
//                 D whiteout, opaque directories, each with glyph and colour.
// Rows are built once per change of the model (a walk of the union view),
// sorted and filtered once per change of the sort or filter, and drawn with
// ImGuiListClipper, so 100k entries cost only the visible rows per frame.
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstring>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

uint64_t source_key(const UiState& s) {
    const lab::Lab& lab = *s.lab;
    uint64_t k = lab.revision() * 1315423911ull;
    k ^= uint64_t(int(s.files.mode) + 1) << 56;
    k ^= uint64_t(uint32_t(s.selected_layer + 1)) << 40;
    return k;
}

const char* type_glyph(EntryType t) {
    switch (t) {
    case EntryType::dir: return "/";
    case EntryType::symlink: return "@";
    case EntryType::file: return " ";
    case EntryType::whiteout: return k_glyph_whiteout;
    default: return "*";
    }
}

void build_rows(UiState& s) {
    lab::Lab& lab = *s.lab;
    FilesState& F = s.files;
    auto t0 = std::chrono::steady_clock::now();
    F.rows.clear();
    F.names.clear();
    F.selected = -1;
    const Store& store = lab.store();
    const Image& img = lab.image_at_cursor();
    if (F.mode == FilesMode::merged) {
        // walk the union view (the container's if one runs)
        const Container* c = lab.current_container();
        ContainerView cview(c);
        ImageView iview(img, store.paths);
        const FsView& view = c ? static_cast<const FsView&>(cview) : static_cast<const FsView&>(iview);
        std::vector<Node> stack{view.root()};
        while (!stack.empty()) {
            Node dir = stack.back();
            stack.pop_back();
            view.for_each_child(dir, [&](const Node& n) {
                FileRow r;
                r.path = n.path;
                r.layer = n.layer;
                r.type = uint8_t(n.type());
                r.size = n.entry ? entry_size(*n.entry, store.blobs) : 0;
                F.rows.push_back(r);
                if (n.is_dir()) stack.push_back(n);
            });
        }
    } else if (s.selected_layer >= 0 && size_t(s.selected_layer) < img.layer_count()) {
        size_t li = size_t(s.selected_layer);
        Image below;
        for (size_t i = 0; i < li; ++i) below.push_layer(img.layers()[i], store.paths);
        for (const Entry& e : img.layers()[li]->entries()) {
            FileRow r;
            r.path = e.path;
            r.layer = uint32_t(li);
            r.type = uint8_t(e.type);
            r.size = entry_size(e, store.blobs);
            const Entry* low = below.find(e.path);
            if (e.is_whiteout())
                r.mark = 'D';
            else if (e.opaque)
                r.mark = 'O';
            else if (!low)
                r.mark = 'A';
            else if (e.is_dir() && low->is_dir() && low->mode == e.mode && low->uid == e.uid && low->gid == e.gid)
                r.mark = ' ';  // an unchanged ancestor directory: every layer tar carries them
            else
                r.mark = 'M';
            F.rows.push_back(r);
        }
    }
    F.names.reserve(F.rows.size());
    for (const FileRow& r : F.rows) F.names.push_back(store.paths.str(r.path));
    F.order_dirty = true;
    F.build_ms = std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

bool contains_ci(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

void build_order(FilesState& F) {
    F.order.clear();
    F.order.reserve(F.rows.size());
    for (uint32_t i = 0; i < F.rows.size(); ++i)
        if (contains_ci(F.names[i], F.applied_filter)) F.order.push_back(i);
    auto by_name = [&](uint32_t a, uint32_t b) { return F.names[a] < F.names[b]; };
    switch (F.sort_column) {
    case 2:
        std::stable_sort(F.order.begin(), F.order.end(), by_name);
        std::stable_sort(F.order.begin(), F.order.end(),
                         [&](uint32_t a, uint32_t b) { return F.rows[a].size > F.rows[b].size; });
        break;
    case 3:
        std::stable_sort(F.order.begin(), F.order.end(), by_name);
        std::stable_sort(F.order.begin(), F.order.end(), [&](uint32_t a, uint32_t b) {
            return uint32_t(F.rows[a].layer + 1) > uint32_t(F.rows[b].layer + 1);
        });
        break;
    default: std::sort(F.order.begin(), F.order.end(), by_name); break;
    }
    bool natural_desc = F.sort_column == 2 || F.sort_column == 3;
    if (F.sort_descending != natural_desc && F.sort_column != 1) std::reverse(F.order.begin(), F.order.end());
    if (F.sort_column == 1 && F.sort_descending) std::reverse(F.order.begin(), F.order.end());
    F.order_dirty = false;
}

std::string layer_short(uint32_t l) {
    if (l == k_upper_layer) return "upper";
    if (l == k_no_layer) return "-";
    return "L" + std::to_string(l);
}

// The Files tab's first row: merged view or one layer's changes, and the path filter.
void draw_files_mode(UiState& s, bool has_sel) {
    const lab::Lab& lab = *s.lab;
    FilesState& F = s.files;
    if (ImGui::RadioButton("Merged view", F.mode == FilesMode::merged)) F.mode = FilesMode::merged;
    publish_rect(s, "files.merged");
    hover_tooltip(lab.current_container() ? "What a process in the container sees: its writable layer over the image."
                                          : "What a process in this image would see: all layers merged top-down.");
    ImGui::SameLine();
    std::string lbl = has_sel ? "Changes in L" + std::to_string(s.selected_layer) : std::string("Changes in a layer");
    if (ImGui::RadioButton(lbl.c_str(), F.mode == FilesMode::layer_changes)) F.mode = FilesMode::layer_changes;
    publish_rect(s, "files.changes");
    hover_tooltip("One layer's own changeset, as its tar holds it. Click a slab in the stack to pick the layer.");
    // the phone: the filter gets a row of its own when less than 160 px is left beside the radios
    const float beside = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x -
                         ImGui::GetStyle().ItemSpacing.x;
    if (!touch_layout() || beside >= 160.0f) ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x));
    ImGui::InputTextWithHint("##filter", "filter paths", F.filter, sizeof F.filter);
    publish_rect(s, "files.filter");
    if (F.applied_filter != F.filter) {
        F.applied_filter = F.filter;
        F.order_dirty = true;
    }
}

}  // namespace

void draw_files(UiState& s, const UiFonts& fonts) {
    lab::Lab& lab = *s.lab;
    FilesState& F = s.files;

    // ---- mode and filter
    bool has_sel = s.selected_layer >= 0 && size_t(s.selected_layer) < lab.layers().size();
    draw_files_mode(s, has_sel);

    if (F.source_key != source_key(s)) {
        F.source_key = source_key(s);
        build_rows(s);
    }
    if (F.mode == FilesMode::layer_changes && !has_sel) {
        ImGui::Spacing();
        ImGui::TextWrapped(
            "Click a slab in the layer stack to list the changes that layer holds: files added (+A), "
            "modified (~M), deleted by a whiteout (%s), and opaque directories (%s).",
            k_glyph_whiteout, k_glyph_opaque);
        return;
    }

    // ---- summary line
    if (F.order_dirty) build_order(F);
    {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%zu of %zu entries", F.order.size(), F.rows.size());
        ImGui::TextDisabled("%s", buf);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("listed in %.1f ms; drawn with a list clipper", double(F.build_ms));
        if (F.mode == FilesMode::layer_changes) {
            uint32_t a = 0, m = 0, d = 0, o = 0;
            for (const FileRow& r : F.rows) {
                a += r.mark == 'A';
                m += r.mark == 'M';
                d += r.mark == 'D';
                o += r.mark == 'O';
            }
            ImGui::SameLine();
            ImGui::TextColored(to_vec4(col::added), "+%u", a);
            ImGui::SameLine();
            ImGui::TextColored(to_vec4(col::modified), "~%u", m);
            ImGui::SameLine();
            ImGui::TextColored(to_vec4(col::deleted), "%s%u", k_glyph_whiteout, d);
            if (o) {
                ImGui::SameLine();
                ImGui::TextColored(to_vec4(col::opaque), "%s%u", k_glyph_opaque, o);
            }
        }
    }

    // ---- the table
    ImGuiTableFlags tf = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_Sortable |
                         ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##files", 5, tf, ImGui::GetContentRegionAvail())) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(F.mode == FilesMode::layer_changes ? "±" : "", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            26);
    ImGui::TableSetupColumn("Path", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 1.0f, 1);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 70,
                            2);
    ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, 52,
                            3);
    ImGui::TableSetupColumn(F.mode == FilesMode::merged ? "Hides" : "Note",
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 64);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sp = ImGui::TableGetSortSpecs(); sp && sp->SpecsDirty) {
        if (sp->SpecsCount > 0) {
            F.sort_column = int(sp->Specs[0].ColumnUserID);
            F.sort_descending = sp->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        sp->SpecsDirty = false;
        build_order(F);
    }

    const Image& img =
        lab.current_container() && F.mode == FilesMode::merged ? lab.current_container()->image() : lab.image_at_cursor();
    const Store& store = lab.store();
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    ImGuiListClipper clipper;
    clipper.Begin(int(F.order.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            uint32_t idx = F.order[size_t(row)];
            const FileRow& r = F.rows[idx];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            // mark: glyph + colour
            ImVec2 p = ImGui::GetCursorScreenPos();
            if (F.mode == FilesMode::layer_changes) {
                mark_glyph(r.mark, ImGui::GetWindowDrawList(), p);
                ImGui::Dummy(ImVec2(1, ImGui::GetFontSize()));
            } else {
                bool upper = r.layer == k_upper_layer;
                ImGui::TextColored(to_vec4(upper ? col::slab_upper : col::dim), "%s", type_glyph(EntryType(r.type)));
            }
            ImGui::TableNextColumn();
            ImGui::PushID(int(idx));
            bool sel = F.selected == int(idx);
            bool linked = s.hover_layer >= 0 && r.layer == uint32_t(s.hover_layer);
            if (linked) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(col::modified, 0.18f));
            // long paths keep their end (the name) and lose their start: "…/d0000/f00001.bin"
            const std::string& name = F.names[idx];
            const float col_w = ImGui::GetContentRegionAvail().x;
            ImVec2 text_pos = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable("##row", sel,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                F.selected = int(idx);
                std::snprintf(s.lookup.input, sizeof s.lookup.input, "%s", F.names[idx].c_str());
                if (ImGui::IsMouseDoubleClicked(0)) cmd_lookup(s, F.names[idx]);
            }
            if (ImGui::IsItemHovered()) {
                s.hover_path_next = r.path;
                ImGui::SetTooltip("%s\n%s from %s. Double-click to watch its lookup.", F.names[idx].c_str(),
                                  entry_type_name(EntryType(r.type)), lab::Lab::layer_label(r.layer).c_str());
            }
            if (row == clipper.DisplayStart) publish_rect(s, "files.first_row");
            {
                ImDrawList* dl = ImGui::GetWindowDrawList();
                float w = ImGui::CalcTextSize(name.c_str()).x;
                if (w <= col_w) {
                    dl->AddText(text_pos, ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
                } else {
                    const char* ell = "\xe2\x80\xa6";
                    float room = col_w - ImGui::CalcTextSize(ell).x;
                    // cut at the first '/' that leaves a tail that fits, else character by character
                    size_t cut = std::string::npos;
                    for (size_t q = name.find('/', 1); q != std::string::npos; q = name.find('/', q + 1))
                        if (ImGui::CalcTextSize(name.c_str() + q).x <= room) {
                            cut = q;
                            break;
                        }
                    if (cut == std::string::npos) {
                        cut = 0;
                        while (cut < name.size() && ImGui::CalcTextSize(name.c_str() + cut).x > room) ++cut;
                        while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
                    }
                    std::string shown = std::string(ell) + name.substr(cut);
                    dl->AddText(text_pos, ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
                }
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            if (EntryType(r.type) != EntryType::dir && EntryType(r.type) != EntryType::whiteout)
                ImGui::TextUnformatted(format_bytes(r.size).c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(to_vec4(r.layer == k_upper_layer ? col::slab_upper : col::text), "%s",
                               layer_short(r.layer).c_str());
            ImGui::TableNextColumn();
            if (F.mode == FilesMode::merged) {
                // lower copies this one hides (computed for visible rows only)
                if (r.layer != k_upper_layer || true) {
                    std::vector<Copy> cps = copies_of(img, r.path);
                    std::string t;
                    int shown = 0;
                    for (const Copy& c : cps) {
                        if (c.layer == r.layer) continue;
                        if (c.entry->is_dir() && EntryType(r.type) == EntryType::dir) continue;  // directories merge
                        t += (t.empty() ? "" : " ") + std::string(c.entry->is_whiteout() ? k_glyph_whiteout : "") +
                             layer_short(c.layer);
                        if (++shown >= 3) {
                            t += "…";
                            break;
                        }
                    }
                    if (!t.empty()) {
                        ImGui::TextColored(to_vec4(col::modified), "%s", t.c_str());
                        hover_tooltip(
                            "Lower copies of this path: they still ship in those layers, but the copy above "
                            "hides them (overlayfs takes the first layer that has the name).");
                    }
                }
            } else {
                const char* note = r.mark == 'D'   ? "whiteout"
                                   : r.mark == 'O' ? "opaque"
                                   : r.mark == ' ' ? "parent dir"
                                                   : "";
                ImGui::TextDisabled("%s", note);
            }
        }
    }
    if (fonts.mono) ImGui::PopFont();
    ImGui::EndTable();
    (void)store;
}

}  // namespace ll::ui
