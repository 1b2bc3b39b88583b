// ui_lessons.cpp: the Lesson window, the lesson map and the Lessons menu.
//
// The Lesson window sits above the Dockerfile editor while a lesson is open:
// the lesson's title and text, its goal (each part ○ grey, ✓ green when
// met, with the reason under a part that is not met), and the buttons Hint
// (one more hint each press), Show me (applies the solution as a student
// would), Undo (the Dockerfile and files before the last change), Reset
// (the lesson's start) and, once the goal is met, Next lesson. The lesson
// map lists every lesson with ✓ for those done (the page keeps them in
// localStorage). Everything goes through the Lab's course (core/lesson).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/lab/lab.h"
#include "core/lesson/lesson.h"
#include "ui/ui_common.h"

namespace ll::ui {

namespace {

void open_lesson(UiState& s, const std::string& name) {
    s.deck.running = false;
    Status st = s.lab->course().open(*s.lab, name);
    (void)st;  // the name comes from the course's own list
    s.lesson = LessonUiState{};
    s.lesson.open_name = name;
    s.selected_layer = -1;
    s.lesson.show_map = false;
}

const lesson::Lesson* next_lesson(const lesson::Course& c, const lesson::Lesson& l) {
    const auto& all = c.lessons();
    for (size_t i = 0; i + 1 < all.size(); ++i)
        if (all[i].name == l.name) return &all[i + 1];
    return nullptr;
}

// The goal: one row per part, ✓ green or ○ grey, the reason under an unmet one.
void draw_goal(UiState& s, const lesson::GoalResult& r, float wrap) {
    const ImVec2 top = box_begin();
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(r.met ? col::added : col::text));
    ImGui::TextUnformatted(r.met ? "Goal met \xe2\x9c\x93" : "Goal");
    ImGui::PopStyleColor();
    for (size_t i = 0; i < r.parts.size(); ++i) {
        const lesson::PartResult& p = r.parts[i];
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.met ? col::added : col::dim));
        ImGui::TextUnformatted(p.met ? k_glyph_check : k_glyph_circle);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(wrap);
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(p.met ? col::added : col::text));
        ImGui::TextUnformatted(p.text.c_str());
        ImGui::PopStyleColor();
        ImVec2 a = ImGui::GetItemRectMin();
        if (!p.met && !p.reason.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(col::miss));
            ImGui::Indent(ImGui::GetFontSize() * 1.2f);
            ImGui::TextUnformatted(p.reason.c_str());
            ImGui::Unindent(ImGui::GetFontSize() * 1.2f);
            ImGui::PopStyleColor();
        }
        ImGui::PopTextWrapPos();
        publish_rect(s, "lesson.part." + std::to_string(i), a, ImGui::GetItemRectMax());
    }
    box_end(s, "lesson.goal", top, r.met ? col::rgb(30, 70, 40) : col::rgb(40, 44, 52), r.met ? col::added : col::faint);
}

// Hint, Show me, Undo, Reset, Next: buttons at least 40 px tall (touch).
void draw_buttons(UiState& s, const lesson::Lesson& l, bool met) {
    lesson::Course& c = s.lab->course();
    const ImVec2 size(0, 40);
    const bool more_hints = s.lesson.hints_shown < int(l.hints.size());
    ImGui::BeginDisabled(!more_hints);
    if (ImGui::Button(s.lesson.hints_shown == 0 ? "Hint" : "Another hint", size)) {
        ++s.lesson.hints_shown;
        s.lesson.scroll_hint = true;
    }
    ImGui::EndDisabled();
    publish_rect(s, "lesson.hint");
    ImGui::SameLine();
    if (ImGui::Button("Show me", size)) {
        s.deck.running = false;
        lesson::Course::apply(*s.lab, l.solution);
        c.remember(*s.lab);
        s.lesson.showed = true;
    }
    publish_rect(s, "lesson.showme");
    hover_tooltip("Applies the lesson's solution, step by step, as you would: its Dockerfile, its edits, its commands.");
    ImGui::SameLine();
    ImGui::BeginDisabled(!c.can_undo());
    if (ImGui::Button("Undo", size)) {
        s.deck.running = false;
        c.undo(*s.lab);
    }
    ImGui::EndDisabled();
    publish_rect(s, "lesson.undo");
    hover_tooltip("Back to the Dockerfile and files you had before your last change.");
    ImGui::SameLine();
    if (ImGui::Button("Reset", size)) open_lesson(s, l.name);
    publish_rect(s, "lesson.reset");
    hover_tooltip("Starts the lesson again from its Dockerfile and files.");
    const lesson::Lesson* next = next_lesson(c, l);
    if (met && next) {
        ImGui::SameLine();
        std::string label = std::string("Next lesson ") + k_glyph_right;
        if (ImGui::Button(label.c_str(), size)) open_lesson(s, next->name);
        publish_rect(s, "lesson.next");
    }
}

}  // namespace

void draw_lessons_menu(UiState& s) {
    lesson::Course& c = s.lab->course();
    const bool open = ImGui::BeginMenu("Lessons");
    publish_rect(s, "menu.lessons");
    if (!open) return;
    if (ImGui::MenuItem("Lesson map…")) s.lesson.show_map = true;
    publish_rect(s, "lessons.map");
    ImGui::Separator();
    if (c.lessons().empty()) ImGui::MenuItem("(loading lessons…)", nullptr, false, false);
    for (const lesson::Lesson& l : c.lessons()) {
        std::string label = std::string(c.done(l.name) ? k_glyph_check : " ") + "  " + l.title + "##" + l.name;
        if (ImGui::MenuItem(label.c_str(), nullptr, c.current() == &l)) open_lesson(s, l.name);
        publish_rect(s, "lessons." + l.name);
    }
    ImGui::Separator();
    if (s.hooks.document_action && ImGui::MenuItem("Share a link to this lesson…", nullptr, false, c.current() != nullptr))
        s.hooks.document_action("share-lesson", "");
    if (ImGui::MenuItem("Close the lesson", nullptr, false, c.current() != nullptr)) c.close();
    ImGui::EndMenu();
}

void draw_lesson_map(UiState& s) {
    if (!s.lesson.show_map) return;
    lesson::Course& c = s.lab->course();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(560.0f, vp->WorkSize.x - 20), h = std::min(560.0f, vp->WorkSize.y - 20);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - w) * 0.5f, vp->WorkPos.y + (vp->WorkSize.y - h) * 0.5f),
                            ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
    if (ImGui::Begin("Lesson map", &s.lesson.show_map,
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoResize)) {
        publish_rect(s, "lessonmap", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        ImGui::TextDisabled("%d of %d lessons done: each one a claim about layers, checked by the engine",
                            int(c.done_count()), int(c.lessons().size()));
        ImGui::Separator();
        int n = 0;
        for (const lesson::Lesson& l : c.lessons()) {
            ++n;
            bool done = c.done(l.name);
            ImGui::PushID(n);
            ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(done ? col::rgb(30, 70, 40) : col::rgb(50, 56, 68)));
            std::string label = std::string(done ? k_glyph_check : k_glyph_circle) + "  " + std::to_string(n) + ". " + l.title;
            if (ImGui::Button(label.c_str(), ImVec2(-1, 40))) open_lesson(s, l.name);
            ImGui::PopStyleColor();
            publish_rect(s, "lessonmap." + l.name);
            ImGui::PopID();
        }
    }
    ImGui::End();
}

void draw_lesson(UiState& s, const UiFonts& fonts, Rect area) {
    lab::Lab& lab = *s.lab;
    lesson::Course& c = lab.course();
    const lesson::Lesson* l = c.current();
    if (!l) return;
    c.remember(lab);  // for Undo: the document as it stands after any change
    const lesson::GoalResult* r = c.check(lab);
    place_window(area);
    if (ImGui::Begin("Lesson", nullptr, k_panel_flags)) {
        publish_rect(s, "lesson", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
        size_t index = 0;
        for (size_t i = 0; i < c.lessons().size(); ++i)
            if (&c.lessons()[i] == l) index = i + 1;
        ImGui::TextDisabled("%d/%d", int(index), int(c.lessons().size()));
        ImGui::SameLine();
        ImGui::TextUnformatted(l->title.c_str());
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - 40.0f));
        if (ImGui::SmallButton("map")) s.lesson.show_map = true;
        publish_rect(s, "lesson.map");
        // the goal first, always in sight (it scrolls on its own when it is taller than 60% of the
        // window); the text scrolls below it; the buttons stay at the bottom
        const ImGuiStyle& st = ImGui::GetStyle();
        const float buttons_h = 40.0f + st.ItemSpacing.y * 2;
        const float room = ImGui::GetContentRegionAvail().y - buttons_h;
        const float goal_h = std::max(40.0f, std::min(s.lesson.goal_h + st.ItemSpacing.y, room * 0.6f));
        if (ImGui::BeginChild("lesson.goalbox", ImVec2(0, goal_h), false)) {
            if (r) draw_goal(s, *r, ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
            s.lesson.goal_h = ImGui::GetCursorPosY();
        }
        ImGui::EndChild();
        const float buttons_room = buttons_h;
        if (ImGui::BeginChild("lesson.body", ImVec2(0, std::max(24.0f, ImGui::GetContentRegionAvail().y - buttons_room)), false)) {
            ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
            text_with_code(l->text, fonts.mono);
            for (int i = 0; i < s.lesson.hints_shown && i < int(l->hints.size()); ++i) {
                ImGui::Spacing();
                ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(col::modified));
                text_with_code("Hint " + std::to_string(i + 1) + ": " + l->hints[size_t(i)], fonts.mono);
                ImGui::PopStyleColor();
            }
            ImGui::PopTextWrapPos();
            if (s.lesson.scroll_hint) {
                ImGui::SetScrollHereY(1.0f);
                s.lesson.scroll_hint = false;
            }
        }
        ImGui::EndChild();
        publish_rect(s, "lesson.text");
        draw_buttons(s, *l, r && r->met);
    }
    ImGui::End();
    if (r && r->met && s.lesson.announced != l->name) {
        s.lesson.announced = l->name;
        if (s.hooks.lesson_done) s.hooks.lesson_done(l->name.c_str());
        if (s.hooks.announce) s.hooks.announce(("Goal met: " + l->title).c_str());
    }
}

}  // namespace ll::ui
