// api.cpp: the JSON face of a Lab (see api.h; fields documented in README.md, "JS API").
#include "core/lab/api.h"

#include <algorithm>

#include "core/host/xray.h"
#include "core/lesson/lesson_api.h"

namespace ll::lab {

using nlohmann::json;

namespace {

json null_or(int v) { return v < 0 ? json(nullptr) : json(v); }

json error_json(const Error& e) {
    json j = {{"code", errc_name(e.code)}, {"message", e.message}};
    if (e.where.line > 0) {
        j["line"] = e.where.line;
        j["column"] = e.where.column;
    }
    return j;
}

json step_json(const Lab& lab, size_t i) {
    const build::Step& s = lab.steps()[i];
    bool ran =
        s.state == build::StepState::done || s.state == build::StepState::cached || s.state == build::StepState::failed;
    json j = {
        {"index", i},
        {"number", i + 1},
        {"line", s.span.begin_line},
        {"end_line", s.span.end_line},
        {"stage", s.stage},
        {"kind", dockerfile::kind_name(s.kind)},
        {"instruction", lab.step_instruction(i)},
        {"title", s.title},
        {"state", build::step_state_name(s.state)},
        {"cached", s.state == build::StepState::cached},
        {"empty_layer", ran ? json(s.empty_layer) : json(nullptr)},
        {"cache_note", s.cache_note},
        {"narration", s.narration},
        {"rule", s.rule},
        {"error", s.error ? error_json(*s.error) : json(nullptr)},
    };
    if (s.onbuild) j["onbuild"] = s.onbuild_text;
    return j;
}

const char* narration_kind(Narration::Kind k) {
    switch (k) {
    case Narration::Kind::info: return "info";
    case Narration::Kind::step: return "step";
    case Narration::Kind::event: return "event";
    case Narration::Kind::error: return "error";
    }
    return "info";
}

const json& arg(const json& args, const char* name) {
    if (!args.is_object() || !args.contains(name)) throw ApiError(std::string("missing argument \"") + name + "\"", "bad_argument");
    return args.at(name);
}

std::string string_arg(const json& args, const char* name) {
    const json& v = arg(args, name);
    if (!v.is_string()) throw ApiError(std::string("argument \"") + name + "\" must be a string", "bad_argument");
    return v.get<std::string>();
}

Files files_arg(const json& v) {
    if (!v.is_object()) throw ApiError("\"files\" must be an object of context path to contents", "bad_argument");
    Files f;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it.value().is_string())
            throw ApiError("files[\"" + it.key() + "\"] must be a string (the file's contents)", "bad_argument");
        std::string path = it.key();
        while (!path.empty() && (path[0] == '/' || path.rfind("./", 0) == 0)) path.erase(0, path[0] == '/' ? 1 : 2);
        if (path.empty()) throw ApiError("a context file needs a path", "bad_argument");
        f[path] = it.value().get<std::string>();
    }
    return f;
}

}  // namespace

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json state_json(const Lab& lab) {
    json j;
    j["sample"] = lab.sample_name().empty() ? json(nullptr) : json(lab.sample_name());
    j["assets_ready"] = lab.assets_ready();
    j["dockerfile"] = lab.text();
    j["step"] = lab.cursor();
    j["current"] = lab.current_step();
    j["at_end"] = lab.at_end();
    j["failed"] = lab.build_failed();
    j["build_error"] = lab.build_error() ? error_json(*lab.build_error()) : json(nullptr);

    json steps = json::array();
    for (size_t i = 0; i < lab.steps().size(); ++i) steps.push_back(step_json(lab, i));
    j["steps"] = std::move(steps);

    const Store& store = lab.store();
    json layers = json::array();
    const auto& views = lab.layers();
    for (const LayerView& v : views) {
        int line = -1;
        if (v.step >= 0) line = int(lab.steps()[size_t(v.step)].span.begin_line);
        layers.push_back({
            {"index", v.index},
            {"instruction", v.instruction},
            {"created_by", v.created_by},
            {"size", v.size},
            {"added", v.changes.added},
            {"modified", v.changes.modified},
            {"deleted", v.changes.deleted},
            {"hidden", v.changes.hidden},
            {"entries", v.layer->entries().size()},
            {"diff_id", v.layer->diff_id(store.paths, store.blobs).str()},
            {"step", null_or(v.step)},
            {"line", null_or(line)},
            {"from_base", v.from_base},
            {"committed", v.committed},
        });
    }
    j["layers"] = std::move(layers);

    if (const Narration* n = lab.last_narration())
        j["narration"] = {
            {"text", n->text}, {"rule", n->rule}, {"kind", narration_kind(n->kind)}, {"serial", n->serial}};
    else
        j["narration"] = {{"text", ""}, {"rule", ""}, {"kind", "info"}, {"serial", 0}};

    json errors = json::array();
    const auto& pe = lab.parsed();
    for (size_t i = 0; i < pe.errors.size(); ++i) {
        const Error& e = pe.errors[i];
        json ej = {{"line", e.where.line}, {"column", e.where.column}, {"code", errc_name(e.code)}, {"message", e.message}};
        if (i < pe.error_spans.size()) {
            ej["end_line"] = pe.error_spans[i].end_line;
            ej["end_column"] = pe.error_spans[i].end_col;
        }
        errors.push_back(std::move(ej));
    }
    j["errors"] = std::move(errors);

    const Image& img = lab.image_at_cursor();
    const WasteReport& w = lab.waste();
    json wasted = json::array();
    for (size_t i = 0; i < w.paths.size() && i < 20; ++i)
        wasted.push_back({{"path", store.paths.str(w.paths[i].path)},
                          {"wasted", w.paths[i].wasted},
                          {"copies", w.paths[i].copies},
                          {"deleted", w.paths[i].deleted}});
    const ImageConfig& c = img.config;
    j["image"] = {
        {"size", img.size()},
        {"wasted_bytes", w.wasted},
        {"efficiency", w.efficiency},
        {"layers", img.layer_count()},
        {"history", img.history.size()},
        {"wasted_paths", std::move(wasted)},
        {"config",
         {{"env", c.env.vec()},
          {"cmd", c.cmd ? json(*c.cmd) : json(nullptr)},
          {"entrypoint", c.entrypoint ? json(*c.entrypoint) : json(nullptr)},
          {"working_dir", c.working_dir},
          {"user", c.user},
          {"exposed_ports", c.exposed_ports},
          {"labels", c.labels}}},
    };

    json cs = json::array();
    for (size_t i = 0; i < lab.container_count(); ++i) {
        const ContainerState& s = lab.container_state(i);
        cs.push_back({{"name", s.name},
                      {"size", s.container->size()},
                      {"virtual_size", s.container->virtual_size()},
                      {"image_layers", s.image_layers},
                      {"running", s.session != nullptr},
                      {"current", int(i) == lab.current_container_index()}});
    }
    j["containers"] = std::move(cs);
    j["commits"] = lab.commit_count();
    j["lesson"] = lesson::state_field(lab);
    return j;
}

json samples_json(const Lab& lab) {
    json a = json::array();
    for (const Sample& s : lab.samples()) {
        json files = json::array();
        for (const auto& [p, t] : s.files) files.push_back(p);
        a.push_back({{"name", s.name},
                     {"title", s.title},
                     {"teaches", s.teaches},
                     {"files", std::move(files)},
                     {"try", s.try_commands}});
    }
    return a;
}

json lookup_json(const Lab& lab, const LookupReport& r) {
    const PathTable& paths = lab.store().paths;
    const LookupTrace& t = r.trace;
    json layers = json::array();
    for (const TraceStep& s : t.steps) {
        json sj = {{"layer", s.layer == k_upper_layer ? json("upper") : json(s.layer)},
                   {"verdict", verdict_name(s.verdict)},
                   {"at", t.at_text(s, paths)}};
        if (s.opaque_at != k_no_path) sj["opaque_at"] = paths.str(s.opaque_at);
        layers.push_back(std::move(sj));
    }
    json hops = json::array();
    for (const SymlinkHop& h : t.hops) hops.push_back({{"link", h.link}, {"target", h.target}});
    json hit = nullptr;
    if (t.result == Errc::ok) hit = t.hit_layer == k_upper_layer ? json("upper") : json(t.hit_layer);
    return {
        {"path", t.asked},
        {"traced", t.traced_text},
        {"in_container", r.in_container},
        {"found", t.result == Errc::ok},
        {"result", t.result == Errc::ok ? "found" : errc_name(t.result)},
        {"hit_layer", hit},
        {"visited", t.layers_visited()},
        {"layers_total", r.layers_total},
        {"layers", std::move(layers)},
        {"hops", std::move(hops)},
    };
}

json event_json(const Lab& lab, const Event& e) {
    const PathTable& paths = lab.store().paths;
    // snake_case, as the C++ enum names them: "copy_up", "whiteout", "opaque", ...
    std::string kind = event_kind_name(e.kind);
    std::replace(kind.begin(), kind.end(), '-', '_');
    json j = {
        {"kind", kind}, {"path", e.path == k_no_path ? json(nullptr) : json(paths.str(e.path))}, {"text", e.text}};
    if (e.kind == EventKind::copy_up || e.kind == EventKind::whiteout) {
        j["layer"] = e.layer == k_no_layer ? json(nullptr) : e.layer == k_upper_layer ? json("upper") : json(e.layer);
        j["bytes"] = e.bytes;
    } else if (e.kind == EventKind::modify) {
        j["change"] = change_name(e.change);
        if (e.bytes) j["bytes"] = e.bytes;
        if (e.change == Change::at_offset) j["offset"] = e.offset;
        if (e.change == Change::contents || e.change == Change::append || e.change == Change::at_offset ||
            e.change == Change::truncate)
            j["size"] = e.size;
    } else if (e.bytes) {
        j["bytes"] = e.bytes;
    }
    return j;
}

json exec_json(const Lab& lab, const ExecResult& r) {
    json events = json::array();
    for (const Event& e : r.events) events.push_back(event_json(lab, e));
    return {{"container", r.container},
            {"command", r.command},
            {"output", r.output},
            {"status", r.status},
            {"events", std::move(events)},
            {"notes", r.notes},
            {"bytes_copied_up", r.bytes_copied_up}};
}

json diff_json(const Lab& lab) {
    json a = json::array();
    for (const DiffLine& d : lab.diff()) a.push_back(std::string(1, d.kind) + " " + d.path);
    return a;
}

// The build a piece at a time (issue 14): aim {to: "step" | "end" | n}, work
// {peek?}, hashLayer. The page's Promise forms (stepAsync, runToEndAsync, gotoAsync)
// drive them one piece per browser task.
json work_json(const Lab& lab) {
    return {{"busy", lab.busy()}, {"step", null_or(lab.work_step())}, {"label", lab.work_label()},
            {"cursor", lab.cursor()}};
}

std::optional<json> piece_call(Lab& lab, std::string_view method, const json& args) {
    if (method == "aim") {
        const json& to = arg(args, "to");
        if (to == "step") lab.aim_step();
        else if (to == "end") lab.aim_end();
        else if (to.is_number_integer() && to.get<long long>() >= 0) lab.aim(size_t(to.get<long long>()));
        else throw ApiError("aim(to): to is \"step\", \"end\" or a step number 0.." +
                            std::to_string(lab.steps().size()), "bad_argument");
        return work_json(lab);
    }
    if (method == "work") {  // {peek: true}: only say what is building
        if (!(args.is_object() && args.value("peek", false))) (void)lab.work();
        return work_json(lab);
    }
    // a slice of a DiffID (4 MiB of a layer's tar, tens of ms in wasm); false: every layer has its DiffID
    if (method == "hashLayer") return json(lab.hash_some(uint64_t(4) << 20));
    return std::nullopt;
}

json call(Lab& lab, std::string_view method, const json& args) {
    if (json out; lesson::api_call(lab, method, args, out)) return out;  // lessons(), openLesson(), ...
    if (method == "state") return state_json(lab);
    if (method == "samples") return samples_json(lab);
    if (method == "loadSample") {
        Status s = lab.load_sample(string_arg(args, "name"));
        if (!s) throw ApiError(s.error().message, errc_name(s.error().code));
        return state_json(lab);
    }
    if (method == "load" || method == "edit") {
        std::string text = string_arg(args, "text");
        if (method == "edit") {
            lab.edit(std::move(text));
        } else {
            std::optional<Files> files;
            if (args.contains("files") && !args.at("files").is_null()) files = files_arg(args.at("files"));
            lab.load(std::move(text), std::move(files));
        }
        return state_json(lab);
    }
    if (method == "step") {
        lab.step();
        return state_json(lab);
    }
    if (method == "back") {
        lab.back();
        return state_json(lab);
    }
    if (method == "reset") {
        lab.reset();
        return state_json(lab);
    }
    if (method == "runToEnd") {
        lab.run_to_end();
        return state_json(lab);
    }
    if (method == "goto") {
        const json& n = arg(args, "n");
        if (!n.is_number_integer() || n.get<long long>() < 0)
            throw ApiError("goto(n): n must be a step number, 0.." + std::to_string(lab.steps().size()), "bad_argument");
        lab.go_to(size_t(n.get<long long>()));
        return state_json(lab);
    }
    if (method == "lookup") return lookup_json(lab, lab.lookup(string_arg(args, "path")));
    if (method == "exec") return exec_json(lab, lab.exec(string_arg(args, "command")));
    if (method == "diff") return diff_json(lab);
    if (method == "startContainer") {
        size_t i = lab.start_container();
        return {{"name", lab.container_state(i).name}, {"index", i}};
    }
    if (method == "selectContainer") {
        const json& i = arg(args, "index");
        if (!i.is_number_integer() || i.get<long long>() < 0 || size_t(i.get<long long>()) >= lab.container_count())
            throw ApiError("selectContainer(index): no such container", "bad_argument");
        lab.select_container(size_t(i.get<long long>()));
        return state_json(lab);
    }
    if (method == "commit") {
        Status s = lab.commit();
        if (!s) throw ApiError(s.error().message, errc_name(s.error().code));
        return state_json(lab);
    }
    if (method == "xray") return host::xray_json(host::lab_xray(lab));  // /var/lib/docker, core/host/xray.h
    if (method == "images") return lab.image_names();
    if (method == "synthetic") {
        const json& n = arg(args, "files");
        if (!n.is_number_integer() || n.get<long long>() < 1 || n.get<long long>() > 1000000)
            throw ApiError("synthetic(files): files must be 1..1000000", "bad_argument");
        std::string name = lab.add_synthetic_image(uint32_t(n.get<long long>()));
        lab.load("FROM " + name + "\nRUN rm -rf /data/d0000/d0001\n", Files{});
        lab.run_to_end();
        return state_json(lab);
    }
    if (std::optional<json> j = image_tools_call(lab, method, args)) return *std::move(j);
    if (std::optional<json> j = piece_call(lab, method, args)) return *std::move(j);
    throw ApiError("unknown method \"" + std::string(method) + "\"", "unknown_method");
}

}  // namespace ll::lab
