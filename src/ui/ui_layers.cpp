// ui_layers.cpp: the layer stack. The image is drawn as slabs, base at the
// bottom; containers sit on top as dashed writable layers. This window is
// the stage for the animations: a new layer slides onto the stack, a step
// that makes no layer shows a dashed ghost saying why, a copy-up flies from
// its source slab into the container's layer with the bytes it moved, a
// whiteout drops onto it, and a lookup descends slab by slab.
#include <imgui.h>

#include <cstdio>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

// Bytes of layer tar hashed per idle frame for the DiffIDs (Lab::hash_some):
// about 10 ms in wasm, so a 100 MiB base layer takes some 50 idle frames.
constexpr uint64_t k_idle_hash_slice = 2ull << 20;

void dashed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float dash = 6.0f, float thick = 1.5f) {
    auto line = [&](ImVec2 p, ImVec2 q) {
        float len = std::hypot(q.x - p.x, q.y - p.y);
        if (len <= 0) return;
        ImVec2 d((q.x - p.x) / len, (q.y - p.y) / len);
        for (float t = 0; t < len; t += dash * 2)
            dl->AddLine(ImVec2(p.x + d.x * t, p.y + d.y * t),
                        ImVec2(p.x + d.x * std::min(len, t + dash), p.y + d.y * std::min(len, t + dash)), c, thick);
    };
    line(a, ImVec2(b.x, a.y));
    line(ImVec2(b.x, a.y), b);
    line(b, ImVec2(a.x, b.y));
    line(ImVec2(a.x, b.y), a);
}

// The badge on a base slab that is not the real image: "stand-in",
// "nearest variant" or "approximated files" (@approx), right-aligned at `right`; returns its width.
float draw_base_badge(ImDrawList* dl, const build::Step& from, ImVec2 right, float alpha, UiState& s, size_t slab) {
    const bool stand_in = from.base_match == build::BaseMatch::stand_in;
    const char* text = stand_in                                       ? "stand-in: not the real layers"
                       : from.base_match == build::BaseMatch::nearest ? "nearest variant"
                                                                      : "approximated files";
    ImVec2 ts = ImGui::CalcTextSize(text);
    ImVec2 a(right.x - ts.x - 10, right.y - 1), b(right.x, right.y + ts.y + 1);
    ImU32 c = stand_in ? col::deleted : col::modified;
    dl->AddRectFilled(a, b, with_alpha(c, 0.22f * alpha), 3.0f);
    dl->AddRect(a, b, with_alpha(c, alpha), 3.0f);
    dl->AddText(ImVec2(a.x + 5, right.y), with_alpha(col::text, alpha), text);
    publish_rect(s, "slab." + std::to_string(slab) + ".badge", a, b);
    return ts.x + 14;
}

// The stack's geometry this frame: where each slab rests (bottom up), the
// margin columns right of it, and the row of containers above it.
struct StackLayout {
    ImVec2 origin, avail;
    float fs = 0;
    float x0 = 0, x1 = 0, bottom = 0;
    float bracket_w = 16.0f;
    float slab_h = 40.0f;
    float cont_h = 0, ghost_h = 0;
    bool two_lines = false;
    bool ghost = false;  // the current step made no layer: a dashed ghost says why
    std::vector<ImVec2> slab_min, slab_max;  // resting positions, index = layer
    float stack_top = 0;
    std::vector<ImVec2> cmin, cmax;  // containers, index = container
};

// The FROM of the current stage: its name, and whether its slabs wear a badge.
struct BaseInfo {
    std::string name;
    const build::Step* step = nullptr;  // the FROM that brought the base layers
    bool badge = false;                 // a stand-in, a nearest variant or an approximated base says so on every base slab
    size_t count = 0;                   // layers that came with the base image
};

// The lookup being animated, if any: the report and how many rows show so far.
struct LookupOverlay {
    const lab::LookupReport* report = nullptr;
    int shown = -1;
};

bool ghost_shown(const lab::Lab& lab) {
    const auto& steps = lab.steps();
    const int cur = lab.current_step();
    return cur >= 0 && steps[size_t(cur)].empty_layer && lab.commit_count() == 0 && lab.container_count() == 0 &&
           steps[size_t(cur)].state != build::StepState::failed;
}

StackLayout layout_stack(const lab::Lab& lab, bool lookup_live) {
    StackLayout L;
    L.fs = ImGui::GetFontSize();
    L.origin = ImGui::GetCursorScreenPos();
    L.avail = ImGui::GetContentRegionAvail();
    // lookup verdicts get their own column right of the slabs while a lookup shows
    const float verdict_w = lookup_live ? ImGui::CalcTextSize("\xe2\x9c\x93 opaque_stop").x + 14 : 0.0f;
    L.x0 = L.origin.x;
    L.x1 = L.origin.x + L.avail.x - L.bracket_w - 4 - verdict_w;
    L.bottom = L.origin.y + L.avail.y - 4;

    const size_t n = lab.layers().size();
    const size_t nc = lab.container_count();
    L.ghost = ghost_shown(lab);
    L.cont_h = nc > 0 ? std::max(L.fs * 2.9f, 44.0f) : 0.0f;
    L.ghost_h = L.ghost ? L.fs * 2.7f : 0.0f;
    const float gap = 3.0f;
    const float top_reserved = L.cont_h + (nc > 0 ? 14.0f : 0.0f) + L.ghost_h + (L.ghost ? 8.0f : 0.0f);
    L.slab_h = n ? (L.avail.y - 8 - top_reserved) / float(n) - gap : 40.0f;
    L.slab_h = std::clamp(L.slab_h, 16.0f, L.fs * 3.2f);
    L.two_lines = L.slab_h >= L.fs * 2.3f;
    // the phone: a short stack stands right under the header, not at the foot of a tall
    // window with an empty screen above it (the desktop keeps its floor at the bottom)
    const float need = float(n) * (L.slab_h + gap) + top_reserved + 8;
    if (touch_layout() && n > 0 && need < L.avail.y) L.bottom = L.origin.y + need - 4;

    L.slab_min.resize(n);
    L.slab_max.resize(n);
    for (size_t i = 0; i < n; ++i) {
        float yb = L.bottom - float(i) * (L.slab_h + gap);
        L.slab_min[i] = ImVec2(L.x0, yb - L.slab_h);
        L.slab_max[i] = ImVec2(L.x1, yb);
    }
    L.stack_top = n ? L.slab_min[n - 1].y : L.bottom;
    return L;
}

BaseInfo find_base(const lab::Lab& lab) {
    BaseInfo base;
    const auto& steps = lab.steps();
    const int cur = lab.current_step();
    if (cur >= 0) {
        size_t stage = steps[size_t(cur)].stage;
        for (size_t i = 0; i < steps.size(); ++i)
            if (steps[i].stage == stage && steps[i].kind == dockerfile::Kind::From) {
                base.name = lab.step_instruction(i);
                base.step = &steps[i];
                break;
            }
    }
    base.badge = base.step && (base.step->base_match == build::BaseMatch::stand_in ||
                               base.step->base_match == build::BaseMatch::nearest || base.step->base_approx);
    for (const lab::LayerView& v : lab.layers())
        if (v.from_base) ++base.count;
    return base;
}

// ---- header: which image, which stage, how many layers
void draw_stack_header(lab::Lab& lab) {
    const auto& steps = lab.steps();
    const int cur = lab.current_step();
    std::string head;
    if (!lab.has_build())
        head = lab.errors().empty() ? "No image yet" : "Not built: the Dockerfile has errors";
    else if (cur < 0)
        head = "Nothing built yet: the stack is empty";
    else {
        const build::Step& st = steps[size_t(cur)];
        const auto& stages = lab.parsed().file.stages;
        const build::Builder* b = lab.builder();
        if (stages.size() > 1 && st.stage < stages.size()) {
            bool target = b && st.stage == b->target_stage();
            head = "Stage " + stages[st.stage].display_name() + (target ? " (the image)" : " (a build stage)");
        } else {
            head = "The image after step " + std::to_string(cur + 1);
        }
        if (lab.commit_count() > 0) head = "The committed image";
    }
    ImGui::TextUnformatted(head.c_str());
    const Image& img = lab.image_at_cursor();
    if (img.layer_count() > 0) {
        std::string sz = std::to_string(img.layer_count()) + (img.layer_count() == 1 ? " layer · " : " layers · ") +
                         format_bytes(img.size());
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(sz.c_str()).x - 12);
        ImGui::TextDisabled("%s", sz.c_str());
    }
}

// empty stack: the floor and a hint
void draw_empty_floor(const lab::Lab& lab, const StackLayout& L, ImDrawList* dl) {
    const auto& steps = lab.steps();
    const int cur = lab.current_step();
    dl->AddLine(ImVec2(L.x0, L.bottom), ImVec2(L.x1, L.bottom), col::faint, 2.0f);
    const bool from_failed = cur >= 0 && steps[size_t(cur)].state == build::StepState::failed &&
                             steps[size_t(cur)].kind == dockerfile::Kind::From;
    const char* msg = !lab.has_build() ? ""
                      : cur < 0        ? "Empty: press → to run FROM"
                      : from_failed    ? "FROM failed: no base image (the step says why)"
                                       : "FROM scratch: no layers, no files";
    ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((L.x0 + L.x1 - ts.x) * 0.5f, L.bottom - ts.y - 10), col::dim, msg);
}

// A slab's text: "L3", its instruction, its size; on tall slabs a second line
// with +A ~M –D and the DiffID once known.
void draw_slab_text(lab::Lab& lab, UiState& s, const UiFonts& fonts, const StackLayout& L, const BaseInfo& base,
                    size_t i, ImVec2 a, ImVec2 b, float alpha, ImDrawList* dl) {
    const lab::LayerView& v = lab.layers()[i];
    const float fs = L.fs;
    const float pad = 12.0f;
    float line_y = L.two_lines ? a.y + 4 : a.y + (L.slab_h - fs) * 0.5f;
    char idx[24];
    std::snprintf(idx, sizeof idx, "L%zu", i);
    dl->AddText(ImVec2(a.x + pad, line_y), with_alpha(col::dim, alpha), idx);
    std::string size = format_bytes(v.size);
    float size_w = ImGui::CalcTextSize(size.c_str()).x;
    dl->AddText(ImVec2(b.x - size_w - 8, line_y), with_alpha(col::text, alpha), size.c_str());
    float ins_x = a.x + pad + ImGui::CalcTextSize("L00").x + 6;
    float badge_w = 0.0f;
    if (base.badge && v.from_base)
        badge_w = draw_base_badge(dl, *base.step, ImVec2(b.x - size_w - 14, line_y), alpha, s, i);
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    std::string ins = ellipsize(v.instruction, b.x - size_w - 16 - badge_w - ins_x);
    dl->AddText(ImVec2(ins_x, line_y), with_alpha(col::text, alpha), ins.c_str());
    if (L.two_lines) {
        float y2 = a.y + 4 + fs * 1.15f;
        // +A ~M –D with their colours
        float x = ins_x;
        auto part = [&](const char* g, uint32_t count, ImU32 c) {
            char t[32];
            std::snprintf(t, sizeof t, "%s%u ", g, count);
            dl->AddText(ImVec2(x, y2), with_alpha(count ? c : col::faint, alpha), t);
            x += ImGui::CalcTextSize(t).x + 2;
        };
        part("+", v.changes.added, col::added);
        part("~", v.changes.modified, col::modified);
        part(k_glyph_deleted, v.changes.deleted, col::deleted);
        if (v.layer->opaques()) part(k_glyph_opaque, v.layer->opaques(), col::opaque);
        // the DiffID, once known: it hashes the whole uncompressed layer tar, a
        // slice per idle frame (Lab::hash_some), so big layers take a while
        std::string did = v.layer->has_diff_id()
                              ? short_digest(v.layer->diff_id(lab.store().paths, lab.store().blobs).str())
                              : std::string("sha256:…");
        float dw = ImGui::CalcTextSize(did.c_str()).x;
        if (x + dw + 12 < b.x) dl->AddText(ImVec2(b.x - dw - 8, y2), with_alpha(col::dim, alpha), did.c_str());
    }
    if (fonts.mono) ImGui::PopFont();
}

// The lookup's verdict beside slab i, and the marker descending the stack.
void draw_slab_verdict(const StackLayout& L, const LookupOverlay& lk, size_t i, ImVec2 a, ImDrawList* dl) {
    const int visited = int(lk.report->trace.layers_visited());
    for (int r = 0; r < visited && r <= lk.shown; ++r) {
        if (lookup_row_layer(*lk.report, r) != i) continue;
        const Verdict verdict = lk.report->trace.steps[size_t(r)].verdict;
        std::string badge = std::string(verdict_glyph(verdict)) + " " + verdict_name(verdict);
        ImVec2 bs = ImGui::CalcTextSize(badge.c_str());
        ImVec2 p(L.x1 + L.bracket_w + 8, a.y + (L.slab_h - bs.y) * 0.5f);
        dl->AddText(p, verdict_colour(verdict), badge.c_str());
        if (r == std::min(lk.shown, visited - 1)) {
            // the marker descending the stack
            dl->AddText(ImVec2(a.x - 2 - L.fs * 0.2f, a.y + (L.slab_h - L.fs) * 0.5f), col::accent, k_glyph_right);
        }
    }
}

void draw_slab_tooltip(const lab::Lab& lab, const UiFonts& fonts, const BaseInfo& base, size_t i) {
    const lab::LayerView& v = lab.layers()[i];
    // the DiffID once the idle slices have hashed the layer (never in this frame:
    // a base layer's tar is tens of MiB)
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(520);
    ImGui::Text("Layer %zu · %s", i, format_bytes(v.size).c_str());
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    ImGui::TextUnformatted(v.created_by.empty() ? v.instruction.c_str() : v.created_by.c_str());
    if (fonts.mono) ImGui::PopFont();
    ImGui::TextColored(to_vec4(col::added), "+ %u added", v.changes.added);
    ImGui::SameLine();
    ImGui::TextColored(to_vec4(col::modified), "~ %u modified", v.changes.modified);
    ImGui::SameLine();
    ImGui::TextColored(to_vec4(col::deleted), "%s %u deleted", k_glyph_deleted, v.changes.deleted);
    if (v.changes.hidden)
        ImGui::TextColored(to_vec4(col::opaque), "%s %u hidden by opaque directories", k_glyph_opaque,
                           v.changes.hidden);
    if (v.layer->has_diff_id())
        ImGui::TextDisabled("DiffID %s", v.layer->diff_id(lab.store().paths, lab.store().blobs).str().c_str());
    else
        ImGui::TextDisabled("DiffID: being computed (the sha256 of the layer's tar, a slice per idle frame)");
    if (base.badge && v.from_base) ImGui::TextColored(to_vec4(col::modified), "%s", base.step->base_note.c_str());
    ImGui::TextDisabled("%s", v.from_base   ? "came with the base image"
                              : v.committed ? "made by docker commit"
                                            : "made by this build; click to list its changes");
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// Slab i: it slides in when new, is a button (select it: Files lists its
// changes), glows when linked to a hovered step, layer or file.
void draw_slab(lab::Lab& lab, UiState& s, const UiFonts& fonts, const StackLayout& L, const BaseInfo& base,
               const LookupOverlay& lk, size_t i, ImDrawList* dl) {
    const lab::LayerView& v = lab.layers()[i];
    ImVec2 a = L.slab_min[i], b = L.slab_max[i];
    float alpha = 1.0f;
    auto it = s.slabs.find(v.layer.get());
    if (it != s.slabs.end() && it->second.appear > -1e8) {
        float t = progress(it->second.appear, dur(s, 0.4));
        if (now() < it->second.appear) t = 0.0f;
        float e = ease_out(t);
        float drop = (a.y - L.origin.y + L.slab_h) * (1.0f - e);
        a.y -= drop;
        b.y -= drop;
        alpha = std::min(1.0f, 0.25f + e);
    }
    ImGui::SetCursorScreenPos(L.slab_min[i]);
    ImGui::PushID(int(i));
    bool clicked = ImGui::InvisibleButton("##slab", ImVec2(L.x1 - L.x0, L.slab_h));
    bool hovered = ImGui::IsItemHovered();
    publish_rect(s, "slab." + std::to_string(i), L.slab_min[i], L.slab_max[i]);
    ImGui::PopID();
    if (clicked && quiz_wants_slab(s)) s.quiz.pick = int(i);  // the answer to "which layer will a lookup hit?"
    if (clicked) {
        s.selected_layer = s.selected_layer == int(i) ? -1 : int(i);
        s.files.mode = s.selected_layer >= 0 ? FilesMode::layer_changes : FilesMode::merged;
        s.inspector_tab = InspectorTab::files;
        s.switch_tab = true;
    }
    if (hovered) s.hover_layer_next = int(i);
    bool linked = (v.step >= 0 && v.step == s.hover_step) || s.hover_layer == int(i);
    // the file hovered in Files: its provider slab glows
    const bool provides = s.hover_path != 0xffffffffu && v.layer->find(s.hover_path) != nullptr;

    ImU32 base_col = slab_colour(v.instruction, v.from_base, v.committed);
    ImU32 fill = lerp_col(col::rgb(30, 33, 40), base_col, linked ? 0.85f : 0.62f);
    dl->AddRectFilled(a, b, with_alpha(fill, alpha), 4.0f);
    dl->AddRectFilled(a, ImVec2(a.x + 6, b.y), with_alpha(base_col, alpha), 4.0f, ImDrawFlags_RoundCornersLeft);
    ImU32 border = s.selected_layer == int(i) ? col::text
                   : linked                   ? col::accent
                   : provides                 ? col::modified
                                              : with_alpha(base_col, 0.9f * alpha);
    dl->AddRect(a, b, border, 4.0f, 0, (s.selected_layer == int(i) || linked || provides) ? 2.0f : 1.0f);

    draw_slab_text(lab, s, fonts, L, base, i, a, b, alpha, dl);
    if (lk.report) draw_slab_verdict(L, lk, i, a, dl);
    if (hovered) draw_slab_tooltip(lab, fonts, base, i);
}

// base image bracket on the right
void draw_base_bracket(const StackLayout& L, const BaseInfo& base, ImDrawList* dl) {
    const size_t n = L.slab_min.size();
    if (base.count == 0 || base.count > n) return;
    float bx = L.x1 + 6;
    float ya = L.slab_min[base.count - 1].y, yb = L.slab_max[0].y;
    dl->AddLine(ImVec2(bx, ya), ImVec2(bx + 5, ya), col::dim, 1.5f);
    dl->AddLine(ImVec2(bx + 5, ya), ImVec2(bx + 5, yb), col::dim, 1.5f);
    dl->AddLine(ImVec2(bx, yb), ImVec2(bx + 5, yb), col::dim, 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(bx, ya));
    ImGui::InvisibleButton("##basebracket", ImVec2(12, std::max(1.0f, yb - ya)));
    if (ImGui::IsItemHovered() && !base.name.empty())
        ImGui::SetTooltip("%s: the base image's layers, shared with every image built on it%s%s", base.name.c_str(),
                          base.badge ? "\n" : "", base.badge ? base.step->base_note.c_str() : "");
}

// ---- ghost: this step made no layer, and why. Returns the y above it.
float draw_ghost(lab::Lab& lab, UiState& s, const UiFonts& fonts, const StackLayout& L, float above, ImDrawList* dl) {
    const int cur = lab.current_step();
    const build::Step& st = lab.steps()[size_t(cur)];
    float t = progress(s.ghost_start < 0 ? -1e9 : s.ghost_start, dur(s, 0.35));
    ImVec2 a(L.x0 + 10, above - L.ghost_h), b(L.x1 - 10, above);
    ImU32 c = with_alpha(col::dim, 0.3f + 0.7f * t);
    dashed_rect(dl, a, b, c);
    std::string kw = lab.step_instruction(size_t(cur));
    std::string why = "no layer";
    if (!st.rule.empty()) why += ": " + st.rule;
    std::string l1 = std::string(k_glyph_cross) + " " + kw;
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    dl->AddText(ImVec2(a.x + 10, a.y + 4), with_alpha(col::text, t), ellipsize(l1, b.x - a.x - 20).c_str());
    if (fonts.mono) ImGui::PopFont();
    dl->AddText(ImVec2(a.x + 10, a.y + 4 + L.fs * 1.2f), with_alpha(col::dim, t), ellipsize(why, b.x - a.x - 20).c_str());
    publish_rect(s, "stack.ghost", a, b);
    return a.y - 8;
}

// ---- containers on top: one dashed writable layer each, side by side
void draw_containers(lab::Lab& lab, UiState& s, StackLayout& L, float above, ImDrawList* dl) {
    const size_t n = L.slab_min.size();
    const size_t nc = lab.container_count();
    L.cmin.assign(nc, ImVec2());
    L.cmax.assign(nc, ImVec2());
    if (nc == 0) return;
    const float fs = L.fs;
    float cw = (L.x1 - L.x0 - float(nc - 1) * 8) / float(nc);
    cw = std::min(cw, L.x1 - L.x0);
    for (size_t k = 0; k < nc; ++k) {
        const lab::ContainerState& cs = lab.container_state(k);
        ImVec2 a(L.x0 + float(k) * (cw + 8), above - L.cont_h), b(a.x + cw, above);
        L.cmin[k] = a;
        L.cmax[k] = b;
        bool current = int(k) == lab.current_container_index();
        ImU32 c = current ? col::slab_upper : with_alpha(col::slab_upper, 0.55f);
        dl->AddRectFilled(a, b, with_alpha(col::slab_upper, current ? 0.16f : 0.07f), 4.0f);
        dashed_rect(dl, a, b, c, 5.0f, current ? 2.0f : 1.2f);
        std::string l1 = cs.name + " · writable";
        std::string l2 = format_bytes(lab.container_size(k)) + " · " + std::to_string(lab.container_entries(k)) +
                         " entr" + (lab.container_entries(k) == 1 ? "y" : "ies");
        dl->AddText(ImVec2(a.x + 8, a.y + 4), col::text, ellipsize(l1, cw - 16).c_str());
        dl->AddText(ImVec2(a.x + 8, a.y + 4 + fs * 1.15f), col::dim, ellipsize(l2, cw - 16).c_str());
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(int(k) + 1000);
        if (ImGui::InvisibleButton("##container", ImVec2(cw, L.cont_h))) {
            if (quiz_wants_slab(s) && int(k) == lab.current_container_index()) s.quiz.pick = -1;
            lab.select_container(k);
            s.inspector_tab = InspectorTab::container;
            s.switch_tab = true;
        }
        publish_rect(s, "container." + std::to_string(k), a, b);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "%s's writable layer (overlayfs upperdir): %s. It sits on the image's %zu layers, "
                "which it shares with every other container of that image.",
                cs.name.c_str(), format_bytes(lab.container_size(k)).c_str(), cs.image_layers);
        ImGui::PopID();
        // where it sits: a line down to the top layer of its image
        if (cs.image_layers > 0 && cs.image_layers <= n) {
            ImVec2 top = L.slab_min[cs.image_layers - 1];
            float cx = (a.x + b.x) * 0.5f;
            dl->AddLine(ImVec2(cx, b.y), ImVec2(cx, top.y), with_alpha(col::slab_upper, 0.6f), 1.5f);
        }
    }
}

// A copy-up flying from its source slab into container c's layer, then its label.
void draw_copy_up(UiState& s, const StackLayout& L, const CopyAnim& a, size_t c, ImDrawList* dl) {
    const size_t n = L.slab_min.size();
    const ImVec2 ta = L.cmin[c], tb = L.cmax[c];
    const ImVec2 target((ta.x + tb.x) * 0.5f, tb.y - 4);
    const double d = dur(s, 1.2);
    const double age = now() - a.start;
    const float t = progress(a.start, d);
    ImVec2 src = target;
    if (a.from_layer < n)
        src = ImVec2((L.slab_min[a.from_layer].x + L.slab_max[a.from_layer].x) * 0.5f,
                     (L.slab_min[a.from_layer].y + L.slab_max[a.from_layer].y) * 0.5f);
    const float x0 = L.x0, x1 = L.x1;
    float e = ease_in_out(t);
    // from the source slab's right end, up the margin right of the
    // stack, into the container's layer: a path that crosses no slab
    ImVec2 p0(x1 - 24, src.y), p1(x1 + L.bracket_w * 0.8f, src.y);
    ImVec2 p2(x1 + L.bracket_w * 0.8f, tb.y - 4), p3(tb.x - 28, tb.y - 6);
    if (a.from_layer >= n) p0 = p1 = p2 = p3 = target;
    auto bez = [&](float u) {
        float v0 = (1 - u) * (1 - u) * (1 - u), v1 = 3 * (1 - u) * (1 - u) * u, v2 = 3 * (1 - u) * u * u, v3 = u * u * u;
        return ImVec2(v0 * p0.x + v1 * p1.x + v2 * p2.x + v3 * p3.x, v0 * p0.y + v1 * p1.y + v2 * p2.y + v3 * p3.y);
    };
    const int segs = 32;
    for (int k2 = 0; k2 < segs && float(k2) / segs < e; ++k2)
        dl->AddLine(bez(float(k2) / segs), bez(std::min(e, float(k2 + 1) / segs)), with_alpha(col::slab_upper, 0.85f),
                    2.0f);
    ImVec2 p = bez(e);
    if (t < 1.0f) {
        dl->AddRectFilled(ImVec2(p.x - 6, p.y - 8), ImVec2(p.x + 6, p.y + 8), col::slab_upper, 2.0f);
    } else {
        // an arrowhead where the copy landed
        ImVec2 q = bez(0.97f);
        float dx = p3.x - q.x, dy = p3.y - q.y, len = std::max(0.001f, std::hypot(dx, dy));
        dx /= len;
        dy /= len;
        dl->AddTriangleFilled(p3, ImVec2(p3.x - dx * 9 - dy * 5, p3.y - dy * 9 + dx * 5),
                              ImVec2(p3.x - dx * 9 + dy * 5, p3.y - dy * 9 - dx * 5), col::slab_upper);
    }
    std::string label = std::string(k_glyph_up) + " copied up " + format_bytes(a.bytes);
    if (a.changed)
        label += std::string(a.appended ? " to append " : " to change ") +
                 (a.changed == 1 ? std::string("1 byte") : format_bytes(a.changed));
    float fade = age > d ? float(std::clamp(1.0 - (age - d) / 6.0, 0.0, 1.0)) : 1.0f;
    ImVec2 ls = ImGui::CalcTextSize(label.c_str());
    ImVec2 lp(std::clamp(p.x - ls.x * 0.5f, x0, x1 - ls.x), p.y - ls.y - 12);
    if (t >= 1.0f)
        lp = ImVec2(std::clamp(target.x - ls.x * 0.5f, x0, x1 - ls.x), ta.y - ls.y - 4 - 18.0f * float(a.order));
    dl->AddRectFilled(ImVec2(lp.x - 4, lp.y - 2), ImVec2(lp.x + ls.x + 4, lp.y + ls.y + 2),
                      with_alpha(col::rgb(20, 22, 26), 0.9f * fade), 3.0f);
    dl->AddText(lp, with_alpha(col::slab_upper, fade), label.c_str());
    if (a.from_layer < n && t < 1.0f)
        dl->AddRect(L.slab_min[a.from_layer], L.slab_max[a.from_layer], with_alpha(col::slab_upper, 1 - t), 4.0f, 0,
                    2.5f);
    publish_rect(s, "anim.copyup", ImVec2(lp.x - 4, lp.y - 2), ImVec2(lp.x + ls.x + 4, lp.y + ls.y + 2));
}

// A whiteout dropping onto container c's layer, with its label.
void draw_whiteout(UiState& s, const StackLayout& L, const CopyAnim& a, size_t c, ImDrawList* dl) {
    const size_t n = L.slab_min.size();
    const ImVec2 ta = L.cmin[c], tb = L.cmax[c];
    const ImVec2 target((ta.x + tb.x) * 0.5f, tb.y - 4);
    const double d = dur(s, 1.2);
    const double age = now() - a.start;
    const float t = progress(a.start, d);
    float e = ease_out(t);
    ImVec2 p(target.x + 30.0f * float(a.order), ta.y - 40.0f * (1 - e) + 6);
    float fade = age > d ? float(std::clamp(1.0 - (age - d) / 6.0, 0.0, 1.0)) : 1.0f;
    dl->AddText(nullptr, L.fs * 1.4f, ImVec2(p.x - L.fs * 0.5f, p.y), with_alpha(col::deleted, fade), k_glyph_whiteout);
    std::string label = "whiteout " + a.path;
    ImVec2 ls = ImGui::CalcTextSize(label.c_str());
    ImVec2 lp(std::clamp(target.x - ls.x * 0.5f, L.x0, L.x1 - ls.x), ta.y - ls.y - 6 - 18.0f * float(a.order));
    dl->AddRectFilled(ImVec2(lp.x - 4, lp.y - 2), ImVec2(lp.x + ls.x + 4, lp.y + ls.y + 2),
                      with_alpha(col::rgb(20, 22, 26), 0.9f * fade), 3.0f);
    dl->AddText(lp, with_alpha(col::deleted, fade), label.c_str());
    if (a.from_layer < n && t < 1.0f)
        dl->AddRect(L.slab_min[a.from_layer], L.slab_max[a.from_layer], with_alpha(col::deleted, 1 - t), 4.0f, 0, 2.5f);
}

// ---- copy-up and whiteout animations into the current container, and its lookup badge
void draw_container_events(lab::Lab& lab, UiState& s, const StackLayout& L, const LookupOverlay& lk,
                           ImDrawList* dl) {
    int curc = lab.current_container_index();
    if (curc < 0 || size_t(curc) >= L.cmin.size()) return;
    const size_t c = size_t(curc);
    for (const CopyAnim& a : s.copies) {
        double age = now() - a.start;
        if (age < 0) continue;
        if (age > dur(s, 1.2) + 6.0) continue;  // the label lingers, then goes
        if (a.kind == CopyAnim::Kind::copy_up)
            draw_copy_up(s, L, a, c, dl);
        else if (a.kind == CopyAnim::Kind::whiteout)
            draw_whiteout(s, L, a, c, dl);
    }
    // the container's own lookup badge (upper layer)
    if (lk.report && lk.report->in_container && !lk.report->trace.steps.empty() && lk.shown >= 0) {
        const Verdict v = lk.report->trace.steps.front().verdict;
        std::string badge = std::string(verdict_glyph(v)) + " " + verdict_name(v);
        dl->AddText(ImVec2(L.x1 + L.bracket_w + 8, (L.cmin[c].y + L.cmax[c].y - L.fs) * 0.5f), verdict_colour(v),
                    badge.c_str());
    }
}

}  // namespace

void draw_layers(UiState& s, const UiFonts& fonts, Rect area) {
    lab::Lab& lab = *s.lab;
    place_window(area);
    ImGui::Begin("Layer stack", nullptr, k_panel_flags | ImGuiWindowFlags_NoScrollbar);
    draw_stack_header(lab);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    LookupOverlay lk;
    lk.report = live_lookup(s);
    lk.shown = lk.report ? lookup_beats(s) : -1;  // which rows have been visited so far
    StackLayout L = layout_stack(lab, lk.report != nullptr);
    const size_t n = L.slab_min.size();
    if (n == 0) draw_empty_floor(lab, L, dl);
    const BaseInfo base = find_base(lab);

    ImGui::PushClipRect(ImVec2(L.origin.x - 2, L.origin.y), ImVec2(L.origin.x + L.avail.x, L.origin.y + L.avail.y),
                        true);
    for (size_t i = 0; i < n; ++i) draw_slab(lab, s, fonts, L, base, lk, i, dl);
    draw_base_bracket(L, base, dl);
    float above = L.stack_top - 8;
    if (L.ghost) above = draw_ghost(lab, s, fonts, L, above, dl);
    draw_containers(lab, s, L, above, dl);
    draw_container_events(lab, s, L, lk, dl);
    ImGui::PopClipRect();

    // idle: a slice of a DiffID per frame (the Lab's work, top of the stack first)
    bool animating = false;
    for (const lab::LayerView& v : lab.layers())
        if (auto it = s.slabs.find(v.layer.get()); it != s.slabs.end() && now() - it->second.appear < dur(s, 0.5))
            animating = true;
    if (!animating && !lab.busy() && now() - s.last_activity > 0.6) (void)lab.hash_some(k_idle_hash_slice);
    ImGui::SetCursorScreenPos(ImVec2(L.origin.x, L.origin.y + L.avail.y - 1));
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::End();
}

}  // namespace ll::ui
