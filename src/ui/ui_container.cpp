// ui_container.cpp: the Container tab. Start one or more containers from
// the image at the current step (they share its layers), type shell
// commands into a terminal, see `docker diff`, the container's size and
// virtual size, and `docker commit` its writable layer into a new image
// layer. Writes animate in the layer stack (copy-ups, whiteouts).
#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "core/lab/lab.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

int history_callback(ImGuiInputTextCallbackData* data) {
    auto* t = static_cast<ContainerUiState*>(data->UserData);
    if (data->EventFlag != ImGuiInputTextFlags_CallbackHistory || t->history.empty()) return 0;
    int pos = t->history_pos;
    if (data->EventKey == ImGuiKey_UpArrow) pos = pos < 0 ? int(t->history.size()) - 1 : std::max(0, pos - 1);
    if (data->EventKey == ImGuiKey_DownArrow) pos = pos < 0 ? -1 : (pos + 1 >= int(t->history.size()) ? -1 : pos + 1);
    if (pos != t->history_pos) {
        t->history_pos = pos;
        data->DeleteChars(0, data->BufTextLen);
        if (pos >= 0) data->InsertChars(0, t->history[size_t(pos)].c_str());
    }
    return 0;
}

void run_command(UiState& s, const std::string& cmd) {
    ContainerUiState& T = s.term;
    if (cmd.empty()) return;
    s.lab->exec(cmd);
    if (T.history.empty() || T.history.back() != cmd) T.history.push_back(cmd);
    if (T.history.size() > 200) T.history.erase(T.history.begin());
    T.history_pos = -1;
    T.scroll_to_bottom = true;
}

}  // namespace

void draw_container(UiState& s, const UiFonts& fonts) {
    lab::Lab& lab = *s.lab;
    ContainerUiState& T = s.term;
    const bool can_start = lab.has_build() && lab.current_step() >= 0;

    // ---- toolbar: start, commit, remove, which container
    ImGui::BeginDisabled(!can_start);
    if (ImGui::Button("Start container")) {
        lab.start_container();
        T.focus_input = true;
    }
    ImGui::EndDisabled();
    publish_rect(s, "container.start");
    hover_tooltip(
        "docker run -it <image at this step> sh: a new writable layer over the image's layers. "
        "Several containers share those layers.");
    ImGui::SameLine();
    const bool has = lab.current_container() != nullptr;
    ImGui::BeginDisabled(!has);
    if (ImGui::Button("Commit")) {
        Status st = lab.commit();
        (void)st;
    }
    publish_rect(s, "container.commit");
    hover_tooltip(
        "docker commit: freeze this container's writable layer into a new image layer (it appears on "
        "top of the layer stack).");
    ImGui::SameLine();
    if (ImGui::Button("Remove") && has) lab.remove_container(size_t(lab.current_container_index()));
    hover_tooltip("docker rm -f: the container and its writable layer are gone; the image's layers stay.");
    ImGui::EndDisabled();
    if (lab.container_count() > 1) {
        ImGui::SameLine();
        for (size_t i = 0; i < lab.container_count(); ++i) {
            ImGui::SameLine();
            const auto& cs = lab.container_state(i);
            if (ImGui::RadioButton(cs.name.c_str(), int(i) == lab.current_container_index())) lab.select_container(i);
        }
    }

    if (!has) {
        ImGui::Spacing();
        ImGui::TextWrapped(can_start ? "No container runs. Type a command below (it starts one from the image at this "
                                       "step), or press Start container."
                                     : "Build at least the FROM step first: a container runs an image.");
    } else {
        // sizes from the Lab's per-revision cache: a container with 100,000 files
        // must not be walked every frame (issue 9: the tab drew at 7 fps)
        const size_t ci = size_t(lab.current_container_index());
        const lab::ContainerState& cs = lab.container_state(ci);
        const Container& c = *cs.container;
        const uint64_t own = lab.container_size(ci);
        ImGui::TextColored(to_vec4(col::slab_upper), "%s", cs.name.c_str());
        ImGui::SameLine();
        ImGui::Text("size %s", format_bytes(own).c_str());
        hover_tooltip("docker ps -s SIZE: the bytes in the container's writable layer.");
        ImGui::SameLine();
        ImGui::TextDisabled("(virtual %s)", format_bytes(own + c.image().size()).c_str());
        hover_tooltip("Virtual size: the writable layer plus the image's layers below it, which are shared.");
        if (c.bytes_copied_up() > 0) {
            ImGui::SameLine();
            ImGui::TextColored(to_vec4(col::slab_upper), "%s %s copied up", k_glyph_up,
                               format_bytes(c.bytes_copied_up()).c_str());
        }
    }

    // ---- terminal and docker diff side by side
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const float input_h = ImGui::GetFrameHeightWithSpacing();
    const lab::Sample* sample = lab.find_sample(lab.sample_name());
    const bool has_try = sample && !lab.sample_name().empty() && !sample->try_commands.empty();
    const float try_h = has_try ? ImGui::GetFrameHeightWithSpacing() : 0.0f;
    const float diff_w = has ? std::min(220.0f, ImGui::GetContentRegionAvail().x * 0.36f) : 0.0f;
    const float term_w = ImGui::GetContentRegionAvail().x - diff_w - (has ? 6 : 0);
    const float term_h = std::max(60.0f, avail_h - input_h - try_h - 4);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(col::rgb(16, 17, 20)));
    ImGui::BeginChild("##terminal", ImVec2(term_w, term_h), true);
    publish_rect(
        s, "container.terminal", ImGui::GetWindowPos(),
        ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    if (has) {
        const auto& log = lab.container_state(size_t(lab.current_container_index())).log;
        if (log.size() != T.seen_log) {
            T.seen_log = log.size();
            T.scroll_to_bottom = true;
        }
        ImGuiListClipper clip;
        clip.Begin(int(log.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const lab::TermLine& l = log[size_t(i)];
                ImU32 c = col::text;
                switch (l.kind) {
                case lab::TermLine::Kind::command: c = col::rgb(140, 200, 255); break;
                case lab::TermLine::Kind::err: c = col::rgb(232, 200, 170); break;  // stderr: a warm tint, not an alarm
                case lab::TermLine::Kind::note: c = col::modified; break;
                case lab::TermLine::Kind::info: c = col::dim; break;
                case lab::TermLine::Kind::out: break;
                }
                ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(c));
                ImGui::TextUnformatted(l.kind == lab::TermLine::Kind::note ? ("note: " + l.text).c_str()
                                                                           : l.text.c_str());
                ImGui::PopStyleColor();
            }
        if (T.scroll_to_bottom) {
            ImGui::SetScrollHereY(1.0f);
            T.scroll_to_bottom = false;
        }
    } else {
        ImGui::TextDisabled("$ docker run -it <image> sh");
    }
    if (fonts.mono) ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();

    if (has) {
        ImGui::SameLine();
        ImGui::BeginChild("##diff", ImVec2(diff_w, term_h), true);
        publish_rect(s, "container.diff", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                            ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        ImGui::TextDisabled("docker diff");
        hover_tooltip(
            "The container's changes as `docker diff` lists them today (the container's files compared with "
            "the image's): A added, C changed (a file's contents, time, mode or owner; a directory's mode or "
            "owner; and every directory holding a change), D deleted.");
        if (fonts.mono) ImGui::PushFont(fonts.mono);
        const std::vector<DiffLine>& d = lab.diff();  // cached per revision: no copy per frame
        if (d.empty()) ImGui::TextDisabled("(no changes)");
        ImGuiListClipper clip;
        clip.Begin(int(d.size()));
        while (clip.Step())
            for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                const DiffLine& l = d[size_t(i)];
                ImU32 c = l.kind == 'A' ? col::added : l.kind == 'D' ? col::deleted : col::modified;
                ImGui::TextColored(to_vec4(c), "%c", l.kind);
                ImGui::SameLine();
                ImGui::TextUnformatted(l.path.c_str());
            }
        if (fonts.mono) ImGui::PopFont();
        ImGui::EndChild();
    }

    // ---- the command line
    if (fonts.mono) ImGui::PushFont(fonts.mono);
    std::string prompt = "$";
    if (has) {
        const auto& cs = lab.container_state(size_t(lab.current_container_index()));
        prompt = cs.name + (cs.container->cred().uid == 0 ? " #" : " $");
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(to_vec4(col::rgb(140, 200, 255)), "%s", prompt.c_str());
    ImGui::SameLine();
    if (T.focus_input) {
        ImGui::SetKeyboardFocusHere();
        T.focus_input = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 60);
    bool enter = ImGui::InputTextWithHint("##cmd", "type a shell command, Enter runs it", T.input, sizeof T.input,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory,
                                          history_callback, &T);
    publish_rect(s, "container.input");
    if (fonts.mono) ImGui::PopFont();
    ImGui::SameLine();
    bool run = ImGui::Button("Run", ImVec2(54, 0));
    if ((enter || run) && can_start) {
        std::string cmd = T.input;
        T.input[0] = 0;
        run_command(s, cmd);
        T.focus_input = true;  // keep typing
    }
    // the sample's suggestions, one click each
    if (has_try) {
        ImGui::TextDisabled("Try:");
        for (size_t i = 0; i < sample->try_commands.size(); ++i) {
            ImGui::SameLine();
            const std::string& c = sample->try_commands[i];
            std::string label = ellipsize(c, 220.0f) + "##try" + std::to_string(i);
            ImGui::BeginDisabled(!can_start);
            if (ImGui::SmallButton(label.c_str())) run_command(s, c);
            ImGui::EndDisabled();
            publish_rect(s, "container.try." + std::to_string(i));
            hover_tooltip(c.c_str());
        }
    }
}

}  // namespace ll::ui
