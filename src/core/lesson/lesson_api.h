// lesson_api.h: the lesson methods of the JS API (api.h's call() hands them
// over; README.md, "JS API", documents each field).
//
//   lessons()               -> [{name, title, done}]
//   openLesson({name})      -> state, whose `lesson` is {name, title, goal: {met, parts: [{text, met, reason}]}, ...}
//   lessonSolution()        -> {dockerfile, files, edits, commands} (what "show me" applies)
//   lessonWrongAttempt()    -> the same for the lesson's wrong attempt, plus `expect` (the words it gets)
//   applySolution()         -> state after "show me"
//   lessonUndo()            -> state after undo
//   closeLesson()           -> state
//   lessonInfo({name?})     -> {name, title, text, hints, goal, start_built} (the open lesson by default)
//   lessonFolder({name?})   -> {path: text}: the lesson's folder as given (what a lesson link carries)
//   addLesson({name, files}) -> {name, title}: a lesson from its folder's files (a share link's)
//   lessonProgress({done})  -> null: marks lessons done (the page's localStorage)
//   question, answer, quiz, setQuiz: predict, then reveal (quiz_api.cpp)
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace ll::lab {
class Lab;
}

namespace ll::lesson {

// Handles `method` if it is a lesson method (out = its result); false if not.
// Bad arguments throw lab::ApiError.
bool api_call(lab::Lab& lab, std::string_view method, const nlohmann::json& args, nlohmann::json& out);

// The quiz methods (quiz_api.cpp): question, answer, quiz, setQuiz.
bool quiz_api_call(lab::Lab& lab, std::string_view method, const nlohmann::json& args, nlohmann::json& out);
nlohmann::json quiz_json(const lab::Lab& lab);

// state()'s `lesson` field: null when no lesson is open.
nlohmann::json state_field(const lab::Lab& lab);

}  // namespace ll::lesson
