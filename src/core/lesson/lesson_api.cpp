// lesson_api.cpp: the lesson methods of the JS API (lesson_api.h).
#include "core/lesson/lesson_api.h"

#include "core/lab/api.h"
#include "core/lab/lab.h"
#include "core/lesson/lesson.h"

namespace ll::lesson {

using nlohmann::json;

namespace {

json attempt_json(const Attempt& a) {
    json j = json::object();
    if (a.has_dockerfile) {
        j["dockerfile"] = a.dockerfile;
        j["files"] = a.files;
    }
    if (!a.edits.empty()) j["edits"] = a.edits;
    if (!a.commands.empty()) j["commands"] = a.commands;
    return j;
}

const Lesson& open_lesson(const lab::Lab& lab) {
    const Lesson* l = lab.course().current();
    if (!l) throw lab::ApiError("no lesson is open: openLesson(name) first");
    return *l;
}

std::string name_arg(const json& args) {
    if (!args.is_object() || !args.contains("name") || !args["name"].is_string())
        throw lab::ApiError("missing argument \"name\" (a lesson's name, such as \"01-layers\")");
    return args["name"].get<std::string>();
}

json info_json(const Lesson& l) {
    return {{"name", l.name},   {"title", l.title}, {"text", l.text}, {"hints", l.hints},
            {"goal", l.goal_text}, {"start_built", l.start_built}};
}

Files files_of(const json& v) {
    if (!v.is_object()) throw lab::ApiError("\"files\" must be an object of path to contents");
    Files f;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it.value().is_string()) throw lab::ApiError("files[\"" + it.key() + "\"] must be a string");
        f[it.key()] = it.value().get<std::string>();
    }
    return f;
}

}  // namespace

json state_field(const lab::Lab& lab) {
    const Course& course = lab.course();
    const Lesson* l = course.current();
    if (!l) return nullptr;
    const GoalResult* r = course.check(lab);
    json parts = json::array();
    for (const PartResult& p : r->parts) parts.push_back({{"text", p.text}, {"met", p.met}, {"reason", p.reason}});
    return {{"name", l->name},
            {"title", l->title},
            {"goal", {{"met", r->met}, {"parts", std::move(parts)}}},
            {"done", course.done(l->name)},
            {"can_undo", course.can_undo()}};
}

bool api_call(lab::Lab& lab, std::string_view method, const json& args, json& out) {
    if (quiz_api_call(lab, method, args, out)) return true;
    Course& course = lab.course();
    if (method == "lessons") {
        out = json::array();
        for (const Lesson& l : course.lessons())
            out.push_back({{"name", l.name}, {"title", l.title}, {"done", course.done(l.name)}});
        return true;
    }
    if (method == "openLesson") {
        Status s = course.open(lab, name_arg(args));
        if (!s) throw lab::ApiError(s.error().message);
        out = lab::state_json(lab);
        return true;
    }
    if (method == "closeLesson") {
        course.close();
        out = lab::state_json(lab);
        return true;
    }
    if (method == "lessonSolution" || method == "lessonWrongAttempt") {
        const Lesson& l = open_lesson(lab);
        out = attempt_json(method == "lessonSolution" ? l.solution : l.wrong);
        if (method == "lessonWrongAttempt") out["expect"] = l.wrong_expect;
        return true;
    }
    if (method == "applySolution") {
        Course::apply(lab, open_lesson(lab).solution);
        course.remember(lab);
        out = lab::state_json(lab);
        return true;
    }
    if (method == "lessonUndo") {
        course.remember(lab);
        if (!course.undo(lab)) throw lab::ApiError("nothing to undo: the Dockerfile and files are as the lesson began");
        out = lab::state_json(lab);
        return true;
    }
    if (method == "lessonInfo") {
        const Lesson* l = args.is_object() && args.contains("name") ? course.find(name_arg(args)) : &open_lesson(lab);
        if (!l) throw lab::ApiError("no lesson named \"" + name_arg(args) + "\"");
        out = info_json(*l);
        return true;
    }
    if (method == "lessonFolder") {
        const Lesson* l = args.is_object() && args.contains("name") ? course.find(name_arg(args)) : &open_lesson(lab);
        if (!l) throw lab::ApiError("no lesson named \"" + name_arg(args) + "\"");
        out = l->folder;
        return true;
    }
    if (method == "addLesson") {
        std::string name = name_arg(args);
        if (!args.contains("files")) throw lab::ApiError("missing argument \"files\" (the lesson folder's files)");
        Status s = course.add(name, files_of(args["files"]));
        if (!s) throw lab::ApiError(s.error().describe());
        out = {{"name", name}, {"title", course.find(name)->title}};
        return true;
    }
    if (method == "lessonProgress") {
        if (args.is_object() && args.contains("done") && args["done"].is_array())
            for (const json& n : args["done"])
                if (n.is_string()) course.set_done(n.get<std::string>());
        out = nullptr;
        return true;
    }
    return false;
}

}  // namespace ll::lesson
