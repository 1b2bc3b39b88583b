// quiz_api.cpp: the JS API of predict-then-reveal (quiz.h; README "JS API").
//
//   question({kind?})   -> the question asked: {kind, prompt, how, step?, path?, command?, paths?, tolerance?, before?}
//                          kind: one of quiz.h's five, "step" (what the step deck asks), or none (quiz mode's next)
//   answer({yes | layer | bytes | lines}) -> the verdict {kind, correct, yours, right, why, truth}; the Lab has moved
//   quiz()              -> {question, last: {question, verdict}, asked, right, quiz_mode, ask_before_step}
//   setQuiz({quiz_mode?, ask_before_step?}) -> quiz()
#include "core/lab/api.h"
#include "core/lab/lab.h"
#include "core/lesson/lesson.h"
#include "core/lesson/lesson_api.h"

namespace ll::lesson {

using nlohmann::json;

namespace {

json layer_json(uint32_t layer) {
    if (layer == k_upper_layer) return "container";
    if (layer == k_no_layer) return nullptr;
    return layer;
}

json question_json(const Question& q) {
    json j = {{"kind", kind_name(q.kind)}, {"prompt", q.prompt}, {"how", q.how}};
    if (q.kind == QuestionKind::adds_layer || q.kind == QuestionKind::image_size) j["step"] = q.step;
    if (!q.path.empty()) j["path"] = q.path;
    if (!q.command.empty()) j["command"] = q.command;
    if (!q.diff_paths.empty()) j["paths"] = q.diff_paths;
    if (q.tolerance > 0) j["tolerance"] = q.tolerance;
    if (q.kind == QuestionKind::image_size || q.kind == QuestionKind::copy_up_bytes) j["before"] = q.before;
    return j;
}

json answer_json(QuestionKind k, const Answer& a) {
    switch (k) {
        case QuestionKind::adds_layer: return {{"yes", a.yes}};
        case QuestionKind::lookup_layer: return {{"layer", layer_json(a.layer)}};
        case QuestionKind::docker_diff: return {{"lines", a.lines}};
        default: return {{"bytes", a.bytes}};
    }
}

json verdict_json(const Question& q, const Verdict& v) {
    return {{"kind", kind_name(q.kind)}, {"correct", v.correct}, {"yours", v.yours}, {"right", v.right},
            {"why", v.why}, {"given", answer_json(q.kind, v.given)}, {"truth", answer_json(q.kind, v.truth)}};
}

Answer answer_of(const Question& q, const json& args) {
    auto need = [&](const char* field, const char* what) -> const json& {
        if (!args.is_object() || !args.contains(field))
            throw lab::ApiError(std::string("the question is ") + kind_name(q.kind) + ": answer with \"" + field +
                                    "\" (" + what + ")",
                                "bad_argument");
        return args[field];
    };
    Answer a;
    switch (q.kind) {
        case QuestionKind::adds_layer: {
            const json& v = need("yes", "true or false");
            if (!v.is_boolean()) throw lab::ApiError("\"yes\" must be true or false", "bad_argument");
            a.yes = v.get<bool>();
            break;
        }
        case QuestionKind::lookup_layer: {
            const json& v = need("layer", "a layer index, \"container\", or null for not found");
            if (v.is_null()) a.layer = k_no_layer;
            else if (v == "container") a.layer = k_upper_layer;
            else if (v.is_number_unsigned()) a.layer = v.get<uint32_t>();
            else throw lab::ApiError("\"layer\" is a layer index, \"container\" or null", "bad_argument");
            break;
        }
        case QuestionKind::docker_diff: {
            const json& v = need("lines", "docker diff's lines, such as [\"C /etc\", \"A /etc/x\"]");
            if (!v.is_array()) throw lab::ApiError("\"lines\" must be an array of strings", "bad_argument");
            for (const json& l : v) {
                if (!l.is_string()) throw lab::ApiError("\"lines\" must be an array of strings", "bad_argument");
                a.lines.push_back(l.get<std::string>());
            }
            break;
        }
        default: {
            const json& v = need("bytes", "a number of bytes");
            if (!v.is_number() || v.get<double>() < 0) throw lab::ApiError("\"bytes\" must be a number, 0 or more", "bad_argument");
            a.bytes = uint64_t(v.get<double>() + 0.5);
            break;
        }
    }
    return a;
}

}  // namespace

json quiz_json(const lab::Lab& lab) {
    const Quiz& z = lab.course().quiz();
    json last = nullptr;
    if (z.last()) last = {{"question", question_json(*z.last_question())}, {"verdict", verdict_json(*z.last_question(), *z.last())}};
    return {{"question", z.pending() ? question_json(*z.pending()) : json(nullptr)},
            {"last", std::move(last)},
            {"asked", z.asked()},
            {"right", z.right()},
            {"quiz_mode", z.quiz_mode},
            {"ask_before_step", z.ask_before_step}};
}

bool quiz_api_call(lab::Lab& lab, std::string_view method, const json& args, json& out) {
    Quiz& z = lab.course().quiz();
    if (method == "question") {
        std::string kind = args.is_object() && args.contains("kind") && args["kind"].is_string() ? args["kind"].get<std::string>() : "";
        Status s;
        if (kind.empty()) s = z.ask_next(lab);
        else if (kind == "step") s = z.ask_for_step(lab);
        else if (std::optional<QuestionKind> k = kind_from_name(kind)) s = z.ask(lab, *k);
        else
            throw lab::ApiError("no question kind \"" + kind +
                                    "\": adds_layer, lookup_layer, copy_up_bytes, docker_diff, image_size or step",
                                "bad_argument");
        if (!s) throw lab::ApiError(s.error().message);
        out = question_json(*z.pending());
        return true;
    }
    if (method == "answer") {
        if (!z.pending()) throw lab::ApiError("no question is open: question() first");
        Answer a = answer_of(*z.pending(), args);
        Result<Verdict> v = z.answer(lab, a);
        if (!v) throw lab::ApiError(v.error().message);
        out = verdict_json(*z.last_question(), *v);
        return true;
    }
    if (method == "quiz") {
        out = quiz_json(lab);
        return true;
    }
    if (method == "setQuiz") {
        if (args.is_object() && args.contains("quiz_mode") && args["quiz_mode"].is_boolean()) z.quiz_mode = args["quiz_mode"].get<bool>();
        if (args.is_object() && args.contains("ask_before_step") && args["ask_before_step"].is_boolean())
            z.ask_before_step = args["ask_before_step"].get<bool>();
        out = quiz_json(lab);
        return true;
    }
    return false;
}

}  // namespace ll::lesson
