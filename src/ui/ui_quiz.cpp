// ui_quiz.cpp: the Question window (predict, then reveal) and the Quiz menu.
//
// The window sits above the Dockerfile editor while a question is open, a
// verdict is shown, or quiz mode is on. It asks the question the core made
// (core/lesson/quiz.h) and takes the answer the way the kind wants it: Yes /
// No buttons, a click on a slab (the stack tells this window, s.quiz.pick),
// a number, or one choice per path for docker diff (not listed, A, C, D).
// Reveal hands the answer to the Quiz, which runs the step, the lookup or the
// command in a new container; the stack and the inspector animate what
// happened, and the verdict box shows theirs beside what happened, green when
// right, red when not, with the rule. Every button is at least 40 px tall.
#include <imgui.h>

#include <cstdlib>
#include <string>

#include "core/lab/lab.h"
#include "core/lesson/lesson.h"
#include "core/view.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

constexpr float k_button_h = 40.0f;
const char* const k_marks[] = {"not listed", "A", "C", "D"};

void submit(UiState& s, const lesson::Answer& a) {
    lesson::Quiz& z = s.lab->course().quiz();
    s.deck.running = false;
    Result<lesson::Verdict> v = z.answer(*s.lab, a);
    s.quiz.error = v ? std::string() : v.error().message;
    s.quiz.show_verdict = v.ok();
    s.quiz.number[0] = 0;
    s.quiz.marks.clear();
    if (v && s.hooks.announce) {
        std::string t = std::string(v->correct ? "Right. " : "Not quite. ") + "You said: " + v->yours +
                        ". What happened: " + v->right + ". " + v->why;
        s.hooks.announce(t.c_str());
    }
    if (v && (z.last_question()->kind == lesson::QuestionKind::copy_up_bytes ||
              z.last_question()->kind == lesson::QuestionKind::docker_diff)) {
        s.inspector_tab = InspectorTab::container;  // the container that ran it
        s.switch_tab = true;
    } else if (v && z.last_question()->kind == lesson::QuestionKind::lookup_layer) {
        s.inspector_tab = InspectorTab::lookup;  // the lookup's descent
        s.switch_tab = true;
    }
}

void ask(UiState& s, lesson::QuestionKind k) {
    Status st = s.lab->course().quiz().ask(*s.lab, k);
    s.quiz.error = st ? std::string() : st.error().message;
    s.quiz.show_verdict = false;
    s.quiz.pick = -2;
}

// The number field and its unit: image sizes in MiB, copy-ups in bytes.
void draw_number(UiState& s, const lesson::Question& q) {
    const bool mib = q.kind == lesson::QuestionKind::image_size;
    ImGui::SetNextItemWidth(std::min(160.0f, ImGui::GetContentRegionAvail().x * 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, (k_button_h - ImGui::GetFontSize()) * 0.5f));
    const bool enter = ImGui::InputText("##quiz.number", s.quiz.number, sizeof s.quiz.number,
                                        ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleVar();
    publish_rect(s, "quiz.number");
    ImGui::SameLine();
    ImGui::TextUnformatted(mib ? "MiB" : "bytes");
    ImGui::SameLine();
    const double v = std::atof(s.quiz.number);
    ImGui::BeginDisabled(s.quiz.number[0] == 0);
    const bool go = ImGui::Button("Reveal", ImVec2(0, k_button_h)) || (enter && s.quiz.number[0] != 0);
    ImGui::EndDisabled();
    publish_rect(s, "quiz.reveal");
    if (go) {
        lesson::Answer a;
        a.bytes = uint64_t(std::max(0.0, mib ? v * 1048576.0 : v) + 0.5);
        submit(s, a);
    }
}

// docker diff: one row per path, each with four choices.
void draw_diff_choices(UiState& s, const lesson::Question& q) {
    for (size_t i = 0; i < q.diff_paths.size(); ++i) {
        const std::string& p = q.diff_paths[i];
        char& mark = s.quiz.marks[p];
        ImGui::PushID(int(i));
        for (int m = 0; m < 4; ++m) {
            const char c = m == 0 ? 0 : k_marks[m][0];
            if (m) ImGui::SameLine();
            const bool on = mark == c;
            ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(on ? col::rgb(52, 80, 124) : col::rgb(44, 48, 58)));
            if (ImGui::Button(k_marks[m], ImVec2(m == 0 ? 0 : k_button_h, k_button_h))) mark = c;
            ImGui::PopStyleColor();
            publish_rect(s, "quiz.diff." + std::to_string(i) + "." + (m == 0 ? std::string("none") : std::string(1, c)));
        }
        ImGui::SameLine();
        ImGui::TextUnformatted(p.c_str());
        ImGui::PopID();
    }
    if (ImGui::Button("Reveal", ImVec2(0, k_button_h))) {
        lesson::Answer a;
        for (const std::string& p : q.diff_paths)
            if (char m = s.quiz.marks[p]) a.lines.push_back(std::string(1, m) + " " + p);
        submit(s, a);
    }
    publish_rect(s, "quiz.reveal");
}

void draw_question(UiState& s, const lesson::Question& q, float wrap) {
    ImGui::PushTextWrapPos(wrap);
    ImGui::TextUnformatted(q.prompt.c_str());
    ImGui::PopTextWrapPos();
    publish_rect(s, "quiz.prompt");
    ImGui::TextColored(to_vec4(col::dim), "Answer: %s", q.how.c_str());
    switch (q.kind) {
        case lesson::QuestionKind::adds_layer: {
            lesson::Answer a;
            if (ImGui::Button("Yes", ImVec2(80, k_button_h))) a.yes = true, submit(s, a);
            publish_rect(s, "quiz.yes");
            ImGui::SameLine();
            if (ImGui::Button("No", ImVec2(80, k_button_h))) a.yes = false, submit(s, a);
            publish_rect(s, "quiz.no");
            break;
        }
        case lesson::QuestionKind::lookup_layer: {
            lesson::Answer a;
            if (s.quiz.pick != -2) {  // the stack was clicked: -1 the container, else a slab
                a.layer = s.quiz.pick == -1 ? k_upper_layer : uint32_t(s.quiz.pick);
                s.quiz.pick = -2;
                submit(s, a);
                break;
            }
            ImGui::TextColored(to_vec4(col::accent), "%s %s", k_glyph_right,
                               touch_layout() ? "Tap a slab in the Layers tab" : "Click a slab in the stack");
            ImGui::SameLine();
            if (ImGui::Button("Not found", ImVec2(0, k_button_h))) a.layer = k_no_layer, submit(s, a);
            publish_rect(s, "quiz.notfound");
            break;
        }
        case lesson::QuestionKind::copy_up_bytes:
        case lesson::QuestionKind::image_size: draw_number(s, q); break;
        case lesson::QuestionKind::docker_diff: draw_diff_choices(s, q); break;
    }
}

// Theirs beside what happened, green when right, red when not.
void draw_verdict(UiState& s, const lesson::Verdict& v, float wrap) {
    const ImVec2 top = box_begin();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(v.correct ? col::added : col::deleted));
    ImGui::Text("%s %s", v.correct ? k_glyph_check : k_glyph_cross, v.correct ? "Right" : "Not quite");
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(wrap);
    const float col2 = ImGui::GetFontSize() * 6.5f;
    ImGui::TextColored(to_vec4(col::dim), "You said");
    ImGui::SameLine(col2);
    ImGui::TextUnformatted(v.yours.c_str());
    publish_rect(s, "quiz.yours");
    ImGui::TextColored(to_vec4(col::dim), "What happened");
    ImGui::SameLine(col2);
    ImGui::TextUnformatted(v.right.c_str());
    publish_rect(s, "quiz.right");
    ImGui::TextColored(to_vec4(col::dim), "%s", v.why.c_str());
    ImGui::PopTextWrapPos();
    box_end(s, "quiz.verdict", top, v.correct ? col::rgb(30, 70, 40) : col::rgb(84, 34, 34),
            v.correct ? col::added : col::deleted);
}

}  // namespace

bool quiz_visible(const UiState& s) {
    const lesson::Quiz& z = s.lab->course().quiz();
    return z.quiz_mode || z.pending() != nullptr || (s.quiz.show_verdict && z.last()) || !s.quiz.error.empty();
}

bool quiz_wants_slab(const UiState& s) {
    const lesson::Question* q = s.lab->course().quiz().pending();
    return q && q->kind == lesson::QuestionKind::lookup_layer;
}

void draw_quiz_menu(UiState& s) {
    lesson::Quiz& z = s.lab->course().quiz();
    const bool open = ImGui::BeginMenu("Quiz");
    publish_rect(s, "menu.quiz");
    if (!open) return;
    if (ImGui::MenuItem("Quiz mode", nullptr, z.quiz_mode)) {
        z.quiz_mode = !z.quiz_mode;
        if (z.quiz_mode && !z.pending()) {
            Status st = z.ask_next(*s.lab);
            s.quiz.error = st ? std::string() : st.error().message;
            s.quiz.show_verdict = false;
        }
    }
    publish_rect(s, "quiz.menu.mode");
    hover_tooltip("One question after another, of every kind the Dockerfile allows, made from what the Lab shows now.");
    ImGui::MenuItem("Ask me before each step", nullptr, &z.ask_before_step);
    publish_rect(s, "quiz.menu.ask");
    hover_tooltip("Before → or Run takes a step, predict it: will it add a layer, how big will the image be?");
    ImGui::Separator();
    const char* labels[] = {"Will the next step add a layer?", "Which layer will a lookup hit?",
                            "How many bytes will a write copy up?", "What will docker diff print?",
                            "How big will the image be after the next step?"};
    for (int k = 0; k < lesson::k_question_kinds; ++k) {
        const auto kind = lesson::QuestionKind(k);
        Result<lesson::Question> q = lesson::make_question(*s.lab, kind);
        if (ImGui::MenuItem(labels[k], nullptr, false, q.ok())) ask(s, kind);
        publish_rect(s, std::string("quiz.menu.") + lesson::kind_name(kind));
        if (!q.ok()) hover_tooltip(q.error().message.c_str());
    }
    ImGui::EndMenu();
}

void draw_quiz(UiState& s, const UiFonts& fonts, Rect area) {
    lesson::Quiz& z = s.lab->course().quiz();
    if (z.serial() != s.quiz.seen_serial) {  // a question asked or answered elsewhere (the JS API, the deck)
        s.quiz.seen_serial = z.serial();
        if (z.pending()) s.quiz.show_verdict = false;
        else if (z.last()) s.quiz.show_verdict = true;
    }
    place_window(area);
    if (ImGui::Begin("Question", nullptr, k_panel_flags)) {
        publish_rect(s, "quiz", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        ImGui::TextUnformatted("Predict, then reveal");
        ImGui::SameLine();
        ImGui::TextDisabled("%d of %d right", z.right(), z.asked());
        const float header_h = ImGui::GetCursorPosY();
        float body_h = 0;
        if (ImGui::BeginChild("quiz.body", ImVec2(0, ImGui::GetContentRegionAvail().y - k_button_h - 8), false)) {
            const float inner = ImGui::GetContentRegionAvail().x;
            if (s.quiz.show_verdict && z.last()) draw_verdict(s, *z.last(), inner);
            if (const lesson::Question* q = z.pending()) {
                if (fonts.ui) ImGui::PushFont(fonts.ui);
                draw_question(s, *q, inner);
                if (fonts.ui) ImGui::PopFont();
            }
            if (!s.quiz.error.empty()) {
                ImGui::PushTextWrapPos(inner);
                ImGui::TextColored(to_vec4(col::miss), "%s", s.quiz.error.c_str());
                ImGui::PopTextWrapPos();
            }
            body_h = ImGui::GetCursorPosY();
        }
        ImGui::EndChild();
        s.quiz.content_h = header_h + body_h + k_button_h + 8 + ImGui::GetStyle().WindowPadding.y * 2;
        if (z.quiz_mode) {
            if (ImGui::Button(z.pending() ? "Another question" : "Next question", ImVec2(0, k_button_h))) {
                Status st = z.ask_next(*s.lab);
                s.quiz.error = st ? std::string() : st.error().message;
                s.quiz.show_verdict = false;
            }
            publish_rect(s, "quiz.next");
            ImGui::SameLine();
        }
        if (ImGui::Button(z.quiz_mode ? "End the quiz" : "Close", ImVec2(0, k_button_h))) {
            z.drop();
            z.quiz_mode = false;
            s.quiz.show_verdict = false;
            s.quiz.error.clear();
        }
        publish_rect(s, "quiz.close");
    }
    ImGui::End();
}

}  // namespace ll::ui
