// api.h: the JSON face of a Lab, exactly what the page's `window.layerlab`
// returns (src/app/bridge.cpp passes strings through; web/layerlab-api.js
// wraps them as functions). Native tests call it too, so the browser and
// tests/core/test_lab.cpp check one implementation.
//
//   call(lab, "step", {})                   -> state
//   call(lab, "load", {"text": "...", "files": {"app.py": "..."}})
//   call(lab, "goto", {"n": 3})
//   call(lab, "lookup", {"path": "/etc/os-release"})
//   call(lab, "exec", {"command": "echo hi >> /etc/motd"})
//
// Methods (JS name = method name): samples, loadSample {name}, load {text,
// files?}, edit {text}, step, back, reset, runToEnd, goto {n}, state, lookup
// {path}, exec {command}, diff, startContainer, selectContainer {index},
// commit, images, synthetic {files}; tree, pin, unpin, compare; xray; aim
// {to: "step"|"end"|n}, work, hashLayer (the build a piece at a time); the lesson
// methods (lessons, openLesson, lessonSolution, ...: core/lesson/lesson_api.h). Unknown methods and bad arguments give
// an ApiError (the bridge turns it into a rejected call with the message).
// Field by field documentation: README.md, "JS API".
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "core/lab/lab.h"

namespace ll::lab {

// A call the API refuses (unknown method, missing argument): its message is
// meant for the person writing the test or the embedding page.
// `code` is stable (the page's Error.code, README "JS API"): "refused" (the
// Lab said no: the message says why), "bad_argument", "unknown_method",
// "no_image_kept", or a core error's errc_name ("enoent", "bad_oci", ...).
struct ApiError : std::runtime_error {
    explicit ApiError(const std::string& message, std::string error_code = "refused")
        : std::runtime_error(message), code(std::move(error_code)) {}
    std::string code;
};

nlohmann::json call(Lab& lab, std::string_view method, const nlohmann::json& args);
// The image tools (lab_images.cpp): tree {layer?, sort?, depth?}, pin, unpin,
// compare; nullopt for any other method.
std::optional<nlohmann::json> image_tools_call(Lab& lab, std::string_view method, const nlohmann::json& args);

nlohmann::json state_json(const Lab& lab);
nlohmann::json samples_json(const Lab& lab);
nlohmann::json lookup_json(const Lab& lab, const LookupReport& report);
nlohmann::json exec_json(const Lab& lab, const ExecResult& r);
nlohmann::json diff_json(const Lab& lab);
nlohmann::json event_json(const Lab& lab, const Event& e);

// JSON text that never throws on bytes that are not UTF-8 (a `cat` of a
// binary file): invalid sequences become U+FFFD.
std::string dump(const nlohmann::json& j);

}  // namespace ll::lab
