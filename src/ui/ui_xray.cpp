// ui_xray.cpp: the X-ray tab: where the image at the cursor and its running
// containers live on a Docker host (/var/lib/docker, moby's overlay2 driver
// and layer store; core/host/xray.h). The containers' mount lines on top,
// then the tree, one row a path, clipped. Hovering a row of a layer lights
// its slab in the stack; a container's copy-up shows as the file appearing
// under its writable layer's diff/.
#include <imgui.h>

#include "core/container.h"
#include "core/host/xray.h"
#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

// The X-ray of the Lab as it stands, made again when the Lab's revision moved.
const host::Xray& current_xray(UiState& s) {
    lab::Lab& lab = *s.lab;
    XrayState& X = s.xray;
    if (X.revision != lab.revision() || !X.xray) {
        X.xray = std::make_shared<host::Xray>(host::lab_xray(lab));
        X.revision = lab.revision();
    }
    return *X.xray;
}

ImU32 row_colour(const host::XrayNode& n) {
    if (n.container >= 0) return col::slab_upper;
    if (n.type == 'l') return col::opaque;
    if (n.layer >= 0) return col::accent;
    return col::text;
}

}  // namespace

void draw_xray(UiState& s, const UiFonts& fonts) {
    const host::Xray& x = current_xray(s);
    ImGui::PushTextWrapPos(0);  // the phone's 390 px: the line wraps instead of being cut
    const int nl = int(x.layers.size()), nc = int(x.containers.size());
    ImGui::TextDisabled("/var/lib/docker on a Docker host (overlay2): %d layer%s, %d container%s", nl, nl == 1 ? "" : "s",
                        nc, nc == 1 ? "" : "s");
    ImGui::PopTextWrapPos();
    help_marker(
        "As moby's overlay2 driver and layer store lay it out: layerdb/sha256/<ChainID>/ records each layer, "
        "overlay2/<cache-id>/diff/ holds its files, l/ has short links so the mount's lowerdir list fits in one "
        "page. Docker draws cache-ids, link names and container IDs at random; layerlab derives them, so they "
        "stay the same.");
    ImGui::PushFont(fonts.mono);
    for (size_t i = 0; i < x.containers.size(); ++i) {
        ImGui::PushTextWrapPos(0);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(col::slab_upper));
        ImGui::TextUnformatted(("$ mount | grep " + x.containers[i].name).c_str());
        ImGui::PopStyleColor();
        ImGui::TextUnformatted(x.containers[i].mount_line.c_str());
        publish_rect(s, "xray.mount." + std::to_string(i));
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
    if (ImGui::BeginChild("xray.tree", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar)) {
        ImGuiListClipper clip;
        clip.Begin(int(x.nodes.size()));
        while (clip.Step()) {
            for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
                const host::XrayNode& n = x.nodes[size_t(r)];
                std::string shown = n.path.size() > 16 ? n.path.substr(16) : n.path;  // without "/var/lib/docker"
                if (shown.empty()) shown = n.path;
                if (n.type == 'd') shown += "/";
                if (n.type == 'l') shown += " -> " + n.text;
                else if (n.type == 'f' && !n.text.empty()) shown += "   " + n.text;
                ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(row_colour(n)));
                ImGui::TextUnformatted(shown.c_str());
                ImGui::PopStyleColor();
                if (ImGui::IsItemHovered()) {
                    if (n.layer >= 0) s.hover_layer_next = n.layer;
                    if (!n.note.empty()) hover_tooltip(n.note.c_str());
                }
            }
        }
        publish_rect(s, "xray.tree", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    }
    ImGui::EndChild();
    ImGui::PopFont();
}

}  // namespace ll::ui
