// oci.cpp: OCI config JSON, OCI layouts and docker save archives (see oci.h).
//
// JSON goes through nlohmann-json in its non-throwing mode: parse() with
// allow_exceptions = false, every access type-checked first, dump() with
// invalid UTF-8 replaced. Bad input never throws.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   reading JSON: JsonReader::ok, JsonReader::fail, JsonReader::field, JsonReader::str,
//                 JsonReader::strings, JsonReader::opt_strings, JsonReader::key_set,
//                 JsonReader::string_map, JsonReader::integer, JsonReader::boolean,
//                 overflows_double, go_json_text, parse_json
//   writing JSON: go_json, string_array, key_set
//   config: parse_image_config, serialize_image_config, layer_history, views_of
//   import: short_digest, Importer::err, Importer::descriptor, Importer::blob,
//           Importer::blob_matches, Importer::prepared_at, Importer::self_named, Importer::is_index_type, Importer::pick_platform,
//           Importer::manifests_of, Importer::load_layer, Importer::use_layer, Importer::load_config,
//           Importer::oci_layout, Importer::docker_save, import_image_files, import_image_tar
//   listings: mode4, owner, unicode_escape, file_fields, layer_listing, merged_listing
//   export: export_oci_layout
#include "core/oci.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/image_stream.h"
#include "core/view.h"

namespace ll {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr size_t k_max_json = size_t(64) << 20;  // no image JSON document is near this

// ---------------------------------------------------------------- reading JSON

// Collects the first type error while a document is read field by field.
struct JsonReader {
    std::string first_error;
    bool ok() const { return first_error.empty(); }
    void fail(std::string msg) {
        if (first_error.empty()) first_error = std::move(msg);
    }

    // The field, or nullptr when absent or null (Go decodes null as "unset").
    static const json* field(const json& o, const char* key) {
        if (!o.is_object()) return nullptr;
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return nullptr;
        return &*it;
    }
    void str(const json& o, const char* key, std::string& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (!v->is_string()) return fail(at + key + " is not a string");
        out = v->get_ref<const std::string&>();
    }
    void strings(const json& o, const char* key, std::vector<std::string>& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (!v->is_array()) return fail(at + key + " is not an array of strings");
        out.clear();
        for (size_t i = 0; i < v->size(); ++i) {
            const json& s = (*v)[i];
            if (!s.is_string()) return fail(at + key + "[" + std::to_string(i) + "] is not a string");
            out.push_back(s.get_ref<const std::string&>());
        }
    }
    void opt_strings(const json& o, const char* key, std::optional<std::vector<std::string>>& out,
                     const std::string& at) {
        if (!field(o, key)) return;
        std::vector<std::string> v;
        strings(o, key, v, at);
        out = std::move(v);
    }
    // An object used as a set ({"80/tcp": {}}): its keys, sorted.
    void key_set(const json& o, const char* key, std::vector<std::string>& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (!v->is_object()) return fail(at + key + " is not an object");
        out.clear();
        for (auto it = v->begin(); it != v->end(); ++it) out.push_back(it.key());
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    void string_map(const json& o, const char* key, std::map<std::string, std::string>& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (!v->is_object()) return fail(at + key + " is not an object");
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!it.value().is_string()) return fail(at + key + "." + it.key() + " is not a string");
            out[it.key()] = it.value().get_ref<const std::string&>();
        }
    }
    void integer(const json& o, const char* key, int64_t& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (v->is_number_unsigned()) {
            if (v->get<uint64_t>() > uint64_t(INT64_MAX)) return fail(at + key + " is out of range");
            out = int64_t(v->get<uint64_t>());
            return;
        }
        if (!v->is_number_integer()) return fail(at + key + " is not an integer");
        out = v->get<int64_t>();
    }
    void boolean(const json& o, const char* key, bool& out, const std::string& at) {
        const json* v = field(o, key);
        if (!v) return;
        if (!v->is_boolean()) return fail(at + key + " is not true or false");
        out = v->get<bool>();
    }
};

// Go's encoding/json (what Docker, containerd and BuildKit read these
// documents with) accepts two things nlohmann-json refuses:
//   - invalid UTF-8 in a string: each bad byte becomes U+FFFD, and so does a
//     lone surrogate escape ("\ud800"): decode.go unquoteBytes;
//   - a number too large for a double ("1e400") in a field the reader does
//     not know: it is skipped without being converted (a known numeric field
//     still fails, in Go as here, since such a number is no integer).
// go_json_text() rewrites just those spots (a bad byte to EF BF BD, a lone
// surrogate escape to \ufffd, an overflowing number to 1e308 with its sign)
// so that nlohmann-json reads what Go reads. The document's digest is never
// computed from this copy.
bool overflows_double(std::string_view num) {
    const std::string s(num);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    return errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL);
}

std::optional<std::string> go_json_text(std::string_view t) {
    std::string out;
    bool changed = false;
    auto emit = [&](size_t upto, size_t& copied, std::string_view with) {
        if (!changed) {
            out.reserve(t.size() + 16);
            changed = true;
        }
        out.append(t.substr(copied, upto - copied));
        out.append(with);
    };
    size_t copied = 0;  // t[0..copied) is in `out` (once changed)
    auto hex4 = [&](size_t at, unsigned& cp) {
        if (at + 4 > t.size()) return false;
        cp = 0;
        for (size_t k = at; k < at + 4; ++k) {
            const char c = t[k];
            const unsigned d = c >= '0' && c <= '9'   ? unsigned(c - '0')
                               : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                               : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                                      : 16u;
            if (d > 15) return false;
            cp = cp * 16 + d;
        }
        return true;
    };
    bool in_string = false;
    for (size_t i = 0; i < t.size();) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (!in_string) {
            if (c == '"') {
                in_string = true;
                ++i;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                size_t j = i + 1;
                while (j < t.size() && (std::isdigit(static_cast<unsigned char>(t[j])) || t[j] == '.' || t[j] == 'e' ||
                                        t[j] == 'E' || t[j] == '+' || t[j] == '-'))
                    ++j;
                if (overflows_double(t.substr(i, j - i))) {
                    emit(i, copied, c == '-' ? "-1e308" : "1e308");
                    copied = j;
                }
                i = j;
            } else {
                ++i;
            }
            continue;
        }
        if (c == '"') {
            in_string = false;
            ++i;
        } else if (c == '\\') {
            if (i + 1 < t.size() && t[i + 1] == 'u') {
                unsigned cp = 0, lo = 0;
                if (hex4(i + 2, cp) && cp >= 0xD800 && cp <= 0xDFFF) {
                    const bool pair = cp <= 0xDBFF && i + 12 <= t.size() && t.substr(i + 6, 2) == "\\u" &&
                                      hex4(i + 8, lo) && lo >= 0xDC00 && lo <= 0xDFFF;
                    if (pair) {
                        i += 12;
                        continue;
                    }
                    emit(i, copied, "\\ufffd");
                    copied = i + 6;
                    i += 6;
                    continue;
                }
            }
            i += 2;
        } else if (c < 0x80) {
            ++i;
        } else {
            // One UTF-8 sequence (Go's utf8.DecodeRune: overlong forms,
            // surrogates and cut sequences are invalid, one byte at a time).
            size_t len = 0;
            char32_t cp = 0;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                cp = c & 0x07;
            }
            bool ok = len != 0 && i + len <= t.size();
            for (size_t k = 1; ok && k < len; ++k) {
                const auto b = static_cast<unsigned char>(t[i + k]);
                ok = (b & 0xC0) == 0x80;
                cp = (cp << 6) | (b & 0x3F);
            }
            if (ok && len == 3) ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
            if (ok && len == 4) ok = cp >= 0x10000 && cp <= 0x10FFFF;
            if (ok) {
                i += len;
            } else {
                emit(i, copied, "\xEF\xBF\xBD");
                copied = ++i;
            }
        }
    }
    if (!changed) return std::nullopt;
    out.append(t.substr(copied));
    return out;
}

Result<json> parse_json(std::string_view text, std::string_view what) {
    if (text.size() > k_max_json)
        return make_error(Errc::too_large, std::string(what) + " is " + format_bytes(text.size()) + ", more than the " +
                                               format_bytes(k_max_json) + " limit for JSON");
    const std::optional<std::string> go = go_json_text(text);
    if (go) text = *go;
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return make_error(Errc::bad_json, std::string(what) + " is not valid JSON");
    return j;
}

// ---------------------------------------------------------------- writing JSON

// Go's json.Marshal escapes these for safe embedding in HTML; match it so our
// config bytes look like the ones Docker and BuildKit write.
std::string go_json(const ojson& j) {
    std::string s = j.dump(-1, ' ', false, ojson::error_handler_t::replace);
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xe2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
                   (s[i + 2] == '\xa8' || s[i + 2] == '\xa9')) {
            out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

ojson string_array(const std::vector<std::string>& v) {
    ojson a = ojson::array();
    for (const std::string& s : v) a.push_back(s);
    return a;
}

ojson key_set(const std::vector<std::string>& keys) {
    ojson o = ojson::object();
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& k : sorted) o[k] = ojson::object();
    return o;
}

}  // namespace

// ---------------------------------------------------------------- config

Result<OciConfig> parse_image_config(std::string_view text, std::string_view what) {
    auto parsed = parse_json(text, what);
    if (!parsed) return parsed.error();
    const json& j = parsed.value();
    if (!j.is_object()) return make_error(Errc::bad_json, std::string(what) + " is not a JSON object");
    OciConfig c;
    JsonReader r;
    r.str(j, "created", c.created, "");
    r.str(j, "author", c.author, "");
    r.str(j, "os", c.config.os, "");
    r.str(j, "architecture", c.config.architecture, "");
    if (const json* cfg = JsonReader::field(j, "config")) {
        if (!cfg->is_object()) {
            r.fail("config is not an object");
        } else {
            ImageConfig& ic = c.config;
            const std::string at = "config.";
            r.str(*cfg, "User", ic.user, at);
            r.key_set(*cfg, "ExposedPorts", ic.exposed_ports, at);
            std::vector<std::string> env;
            r.strings(*cfg, "Env", env, at);
            ic.env = env;
            r.opt_strings(*cfg, "Entrypoint", ic.entrypoint, at);
            r.opt_strings(*cfg, "Cmd", ic.cmd, at);
            r.key_set(*cfg, "Volumes", ic.volumes, at);
            r.str(*cfg, "WorkingDir", ic.working_dir, at);
            r.string_map(*cfg, "Labels", ic.labels, at);
            r.str(*cfg, "StopSignal", ic.stop_signal, at);
            r.strings(*cfg, "Shell", ic.shell, at);
            r.strings(*cfg, "OnBuild", ic.on_build, at);
            if (const json* hc = JsonReader::field(*cfg, "Healthcheck")) {
                if (!hc->is_object()) {
                    r.fail("config.Healthcheck is not an object");
                } else {
                    Healthcheck h;
                    const std::string hat = "config.Healthcheck.";
                    r.strings(*hc, "Test", h.test, hat);
                    r.integer(*hc, "Interval", h.interval_ns, hat);
                    r.integer(*hc, "Timeout", h.timeout_ns, hat);
                    r.integer(*hc, "StartPeriod", h.start_period_ns, hat);
                    r.integer(*hc, "StartInterval", h.start_interval_ns, hat);
                    int64_t retries = 0;
                    r.integer(*hc, "Retries", retries, hat);
                    if (retries < INT32_MIN || retries > INT32_MAX) r.fail(hat + "Retries is out of range");
                    h.retries = int(retries);
                    ic.healthcheck = std::move(h);
                }
            }
        }
    }
    if (const json* rootfs = JsonReader::field(j, "rootfs")) {
        std::string type;
        r.str(*rootfs, "type", type, "rootfs.");
        if (r.ok() && type != "layers")
            return make_error(Errc::bad_oci, std::string(what) + ": rootfs.type is '" + type + "', not 'layers'");
        std::vector<std::string> ids;
        r.strings(*rootfs, "diff_ids", ids, "rootfs.");
        for (size_t i = 0; i < ids.size() && r.ok(); ++i) {
            Digest d;
            if (!Digest::parse(ids[i], d))
                r.fail("rootfs.diff_ids[" + std::to_string(i) + "] is not a sha256 digest ('" + ids[i].substr(0, 80) +
                       "')");
            c.diff_ids.push_back(d);
        }
    }
    if (const json* hist = JsonReader::field(j, "history")) {
        if (!hist->is_array()) {
            r.fail("history is not an array");
        } else {
            for (size_t i = 0; i < hist->size() && r.ok(); ++i) {
                const json& h = (*hist)[i];
                std::string at = "history[" + std::to_string(i) + "].";
                if (!h.is_object()) {
                    r.fail("history[" + std::to_string(i) + "] is not an object");
                    break;
                }
                HistoryEntry e;
                r.str(h, "created", e.created, at);
                r.str(h, "created_by", e.created_by, at);
                r.str(h, "author", e.author, at);
                r.str(h, "comment", e.comment, at);
                r.boolean(h, "empty_layer", e.empty_layer, at);
                c.history.push_back(std::move(e));
            }
        }
    }
    if (!r.ok()) return make_error(Errc::bad_json, std::string(what) + ": " + r.first_error);
    return c;
}

std::string serialize_image_config(const OciConfig& c) {
    const ImageConfig& ic = c.config;
    ojson cfg = ojson::object();
    if (!ic.user.empty()) cfg["User"] = ic.user;
    if (!ic.exposed_ports.empty()) cfg["ExposedPorts"] = key_set(ic.exposed_ports);
    if (!ic.env.empty()) cfg["Env"] = string_array(ic.env);
    if (ic.entrypoint && !ic.entrypoint->empty()) cfg["Entrypoint"] = string_array(*ic.entrypoint);
    if (ic.cmd && !ic.cmd->empty()) cfg["Cmd"] = string_array(*ic.cmd);
    if (!ic.volumes.empty()) cfg["Volumes"] = key_set(ic.volumes);
    if (!ic.working_dir.empty()) cfg["WorkingDir"] = ic.working_dir;
    if (!ic.labels.empty()) {
        ojson labels = ojson::object();
        for (const auto& [k, v] : ic.labels) labels[k] = v;  // std::map: sorted, as Go marshals maps
        cfg["Labels"] = std::move(labels);
    }
    if (!ic.stop_signal.empty()) cfg["StopSignal"] = ic.stop_signal;
    if (ic.healthcheck) {
        const Healthcheck& h = *ic.healthcheck;
        ojson hc = ojson::object();
        if (!h.test.empty()) hc["Test"] = string_array(h.test);
        if (h.interval_ns) hc["Interval"] = h.interval_ns;
        if (h.timeout_ns) hc["Timeout"] = h.timeout_ns;
        if (h.start_period_ns) hc["StartPeriod"] = h.start_period_ns;
        if (h.start_interval_ns) hc["StartInterval"] = h.start_interval_ns;
        if (h.retries) hc["Retries"] = h.retries;
        cfg["Healthcheck"] = std::move(hc);
    }
    if (!ic.on_build.empty()) cfg["OnBuild"] = string_array(ic.on_build);
    if (!ic.shell.empty()) cfg["Shell"] = string_array(ic.shell);

    ojson hist = ojson::array();
    for (const HistoryEntry& e : c.history) {
        ojson h = ojson::object();
        if (!e.created.empty()) h["created"] = e.created;
        if (!e.created_by.empty()) h["created_by"] = e.created_by;
        if (!e.author.empty()) h["author"] = e.author;
        if (!e.comment.empty()) h["comment"] = e.comment;
        if (e.empty_layer) h["empty_layer"] = true;
        hist.push_back(std::move(h));
    }
    ojson ids = ojson::array();
    for (const Digest& d : c.diff_ids) ids.push_back(d.str());
    ojson rootfs = ojson::object();
    rootfs["type"] = "layers";
    rootfs["diff_ids"] = std::move(ids);

    // Top level sorted, as BuildKit writes it (it patches the config as a Go map).
    ojson j = ojson::object();
    j["architecture"] = ic.architecture;
    if (!c.author.empty()) j["author"] = c.author;
    j["config"] = std::move(cfg);
    if (!c.created.empty()) j["created"] = c.created;
    if (!c.history.empty()) j["history"] = std::move(hist);
    j["os"] = ic.os;
    j["rootfs"] = std::move(rootfs);
    return go_json(j);
}

std::vector<int32_t> layer_history(const std::vector<HistoryEntry>& history, size_t layer_count) {
    std::vector<int32_t> out(layer_count, -1);
    size_t layer = 0;
    for (size_t i = 0; i < history.size() && layer < layer_count; ++i) {
        if (history[i].empty_layer) continue;
        out[layer++] = int32_t(i);
    }
    return out;
}

FileViews views_of(const FileMap& files) {
    FileViews v;
    for (const auto& [k, b] : files) v.emplace(k, b);
    return v;
}

// ---------------------------------------------------------------- import

namespace {

std::string short_digest(const Digest& d) { return "sha256:" + d.short_hex(12); }

struct Descriptor {
    std::string media_type;
    Digest digest;
    int64_t size = -1;
    std::map<std::string, std::string> annotations;
    std::string os, architecture, variant;
};

struct Importer {
    const FileViews& files;
    Store& store;
    const ImportOptions& opts;
    std::string what;
    const PreparedLayers* prepared = nullptr;  // layers ImageImport read ahead, by path

    Error err(Errc c, std::string msg) const { return make_error(c, std::move(msg), SourceLoc{what}); }

    Result<Descriptor> descriptor(const json& j, const std::string& at) const {
        if (!j.is_object()) return err(Errc::bad_oci, at + " is not a descriptor object");
        Descriptor d;
        JsonReader r;
        r.str(j, "mediaType", d.media_type, at + ".");
        std::string dig;
        r.str(j, "digest", dig, at + ".");
        r.integer(j, "size", d.size, at + ".");
        r.string_map(j, "annotations", d.annotations, at + ".");
        if (const json* p = JsonReader::field(j, "platform")) {
            r.str(*p, "os", d.os, at + ".platform.");
            r.str(*p, "architecture", d.architecture, at + ".platform.");
            r.str(*p, "variant", d.variant, at + ".platform.");
        }
        if (!r.ok()) return err(Errc::bad_json, r.first_error);
        if (dig.empty()) return err(Errc::bad_oci, at + " has no digest");
        size_t colon = dig.find(':');
        if (colon != std::string::npos && dig.substr(0, colon) != "sha256")
            return err(Errc::unsupported, at + ": digest algorithm '" + dig.substr(0, colon) +
                                              "' is not supported (layerlab checks sha256 only)");
        if (!Digest::parse(dig, d.digest))
            return err(Errc::bad_oci, at + ": '" + dig.substr(0, 80) + "' is not a sha256 digest");
        if (j.contains("size") && d.size < 0) return err(Errc::bad_oci, at + ": negative size");
        return d;
    }

    // The blob a descriptor names, checked against its size and digest.
    Result<std::string_view> blob(const Descriptor& d, const std::string& role) const {
        std::string path = "blobs/sha256/" + d.digest.hex();
        auto it = files.find(path);
        if (it == files.end())
            return err(Errc::bad_oci, role + ": blob " + d.digest.str() + " is missing (no " + path + ")");
        std::string_view b = it->second;
        if (Status st = blob_matches(d, role, b.size(), sha256(b)); !st) return st.error();
        return b;
    }
    Status blob_matches(const Descriptor& d, const std::string& role, uint64_t size, const Digest& got) const {
        std::string path = "blobs/sha256/" + d.digest.hex();
        if (d.size >= 0 && uint64_t(d.size) != size)
            return err(Errc::bad_oci, role + ": blob " + short_digest(d.digest) + " is " + std::to_string(size) +
                                          " bytes but its descriptor says " + std::to_string(d.size));
        if (got != d.digest)
            return err(Errc::bad_oci,
                       role + ": blob " + path + " does not match its digest: its content hashes to " + got.str());
        return {};
    }
    // A layer blob read ahead by ImageImport (image_stream.h), or null.
    const PreparedLayer* prepared_at(const std::string& path) const {
        if (!prepared) return nullptr;
        auto it = prepared->find(path);
        return it == prepared->end() ? nullptr : it->second.get();
    }

    // A file whose name is its own digest ("blobs/sha256/<hex>", "<hex>.json")
    // must hash to it.
    Status self_named(std::string_view path, const Digest& got, const std::string& role) const {
        std::string_view base = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
        std::string_view hex = base;
        if (hex.size() == 69 && hex.substr(64) == ".json") hex = hex.substr(0, 64);
        Digest named;
        bool is_digest = Digest::parse(hex, named, /*allow_bare=*/true);
        if (!is_digest) return {};
        if (got != named)
            return err(Errc::bad_oci, role + ": " + std::string(path) +
                                          " does not match its name: its content hashes to " + got.str());
        return {};
    }

    static bool is_index_type(std::string_view mt) {
        return mt == media::oci_index || mt == media::docker_manifest_list;
    }

    std::string wanted_platform() const {
        return opts.os + "/" + opts.architecture + (opts.variant.empty() ? "" : "/" + opts.variant);
    }
    static std::string platform_list(const std::vector<Descriptor>& ds) {
        std::string have;
        for (const Descriptor& x : ds)
            have += (have.empty() ? "" : ", ") + x.os + "/" + x.architecture + (x.variant.empty() ? "" : "/" + x.variant);
        return have;
    }

    // Picks a descriptor from an index's manifests[] by platform; with
    // require_platform, only the platform asked for (npos: none has it).
    size_t pick_platform(const std::vector<Descriptor>& ds) const {
        for (size_t i = 0; i < ds.size(); ++i)
            if (ds[i].os == opts.os && ds[i].architecture == opts.architecture &&
                (opts.variant.empty() || ds[i].variant == opts.variant))
                return i;
        if (opts.require_platform) return std::string::npos;
        for (size_t i = 0; i < ds.size(); ++i)
            if (ds[i].os == opts.os && ds[i].architecture == opts.architecture) return i;
        for (size_t i = 0; i < ds.size(); ++i)
            if (ds[i].os == opts.os && ds[i].architecture != "unknown") return i;
        for (size_t i = 0; i < ds.size(); ++i)
            if (ds[i].os != "unknown") return i;
        return 0;
    }

    Result<std::vector<Descriptor>> manifests_of(const json& idx, const std::string& at) const {
        const json* ms = JsonReader::field(idx, "manifests");
        if (!ms || !ms->is_array()) return err(Errc::bad_oci, at + " has no manifests[] array");
        std::vector<Descriptor> out;
        for (size_t i = 0; i < ms->size(); ++i) {
            auto d = descriptor((*ms)[i], at + ".manifests[" + std::to_string(i) + "]");
            if (!d) return d.error();
            out.push_back(std::move(d.value()));
        }
        if (out.empty()) return err(Errc::bad_oci, at + " lists no manifests");
        return out;
    }

    // Decompresses (if needed), checks the DiffID and reads one layer tar.
    Status load_layer(std::string_view bytes, ImportedLayer& info, const Digest& want_diff, size_t index,
                      ImportedImage& out) const {
        std::string label = "layer " + std::to_string(index) + " (" + info.path + ")";
        auto p = prepare_layer(bytes, label, store, opts, &want_diff);
        if (!p) {
            Error e = p.error();
            e.where = SourceLoc{what};
            return e;
        }
        p->blob = std::make_shared<Layer::Blob>(Layer::Blob{std::string(bytes), "", info.digest});
        return use_layer(p.value(), info, want_diff, index, out);
    }
    // A layer read (now or ahead): its DiffID checked against the config's, pushed.
    Status use_layer(const PreparedLayer& p, ImportedLayer& info, const Digest& want_diff, size_t index,
                     ImportedImage& out) const {
        std::string label = "layer " + std::to_string(index) + " (" + info.path + ")";
        info.compression = p.compression;
        info.diff_id = p.diff_id;
        info.tar_size = p.tar_size;
        if (p.diff_id != want_diff)
            return err(Errc::bad_oci, label + ": its DiffID (sha256 of the uncompressed tar) is " + p.diff_id.str() +
                                          " but the config's rootfs.diff_ids[" + std::to_string(index) + "] says " +
                                          want_diff.str());
        // a classic docker save layer.tar has no media type: say what it is
        p.blob->media_type = !info.media_type.empty()                ? info.media_type
                             : p.compression == Compression::gzip ? std::string(media::oci_layer_gzip)
                             : p.compression == Compression::zstd ? std::string(media::oci_layer_zstd)
                                                                  : std::string(media::oci_layer);
        p.layer->set_original_blob(p.blob);
        out.image.push_layer(p.layer, store.paths);
        return {};
    }

    Status load_config(std::string_view bytes, ImportedImage& out) const {
        out.config_json = std::string(bytes);
        out.image_id = sha256(bytes);
        auto c = parse_image_config(bytes, "image config " + short_digest(out.image_id));
        if (!c) return err(c.error().code, c.error().message);
        if (opts.require_platform &&
            (c->config.os != opts.os || c->config.architecture != opts.architecture))
            return err(Errc::bad_oci, "the image is for " + c->config.os + "/" + c->config.architecture +
                                          ", not the platform asked for (" + opts.os + "/" + opts.architecture + ")");
        out.config = std::move(c.value());
        out.image.config = out.config.config;
        out.image.history = out.config.history;
        return {};
    }

    Result<ImportedImage> oci_layout(bool docker_save) const {
        ImportedImage out;
        out.format = docker_save ? "docker-save (OCI layout)" : "oci-layout";
        auto layout = parse_json(files.find("oci-layout")->second, "oci-layout");
        if (!layout) return err(layout.error().code, layout.error().message);
        std::string version;
        JsonReader lr;
        lr.str(layout.value(), "imageLayoutVersion", version, "oci-layout: ");
        if (!lr.ok() || version.empty()) return err(Errc::bad_oci, "oci-layout has no imageLayoutVersion");
        auto index = parse_json(files.find("index.json")->second, "index.json");
        if (!index) return err(index.error().code, index.error().message);
        auto ms = manifests_of(index.value(), "index.json");
        if (!ms) return ms.error();

        // Choose by ref name (or containerd's full image name), else the first.
        size_t pick = 0;
        if (!opts.ref.empty()) {
            bool found = false;
            std::string names;
            for (size_t i = 0; i < ms->size() && !found; ++i) {
                const auto& a = (*ms)[i].annotations;
                auto rn = a.find(std::string(media::ref_name_annotation));
                auto cn = a.find("io.containerd.image.name");
                if ((rn != a.end() && rn->second == opts.ref) || (cn != a.end() && cn->second == opts.ref)) {
                    pick = i;
                    found = true;
                }
                if (rn != a.end()) names += (names.empty() ? "" : ", ") + rn->second;
            }
            if (!found)
                return err(Errc::bad_oci, "index.json has no image named '" + opts.ref + "'" +
                                              (names.empty() ? " (no ref names at all)" : " (it has: " + names + ")"));
        }
        // Several platforms listed in index.json itself (buildah's manifest
        // lists, skopeo copy --all): pick by platform unless a ref chose.
        bool platforms = ms->size() > 1;
        for (const Descriptor& x : ms.value()) platforms = platforms && !x.os.empty();
        if (opts.ref.empty() && platforms) {
            pick = pick_platform(ms.value());
            if (pick == std::string::npos) {
                return err(Errc::bad_oci, "index.json has no image for platform " + wanted_platform() +
                                              " (it has: " + platform_list(ms.value()) + ")");
            }
        }
        Descriptor d = (*ms)[pick];
        auto rn = d.annotations.find(std::string(media::ref_name_annotation));
        if (rn != d.annotations.end()) out.ref_name = rn->second;
        auto cn = d.annotations.find("io.containerd.image.name");  // docker save (25+) and ctr export write it
        if (cn != d.annotations.end()) out.image_name = cn->second;
        out.target_digest = d.digest;

        // Follow image indexes (multi-platform) down to one manifest.
        json manifest;
        for (int depth = 0;; ++depth) {
            if (depth > 4) return err(Errc::bad_oci, "image indexes nested more than 4 deep");
            auto b = blob(d, depth == 0 ? "the manifest in index.json" : "a manifest in an image index");
            if (!b) return b.error();
            auto j = parse_json(b.value(), "manifest " + short_digest(d.digest));
            if (!j) return err(j.error().code, j.error().message);
            std::string mt = d.media_type;
            JsonReader r;
            std::string inner_mt;
            r.str(j.value(), "mediaType", inner_mt, "");
            if (mt.empty()) mt = inner_mt;
            bool is_index = is_index_type(mt) || (mt.empty() && j.value().contains("manifests"));
            if (is_index) {
                auto inner = manifests_of(j.value(), "image index " + short_digest(d.digest));
                if (!inner) return inner.error();
                size_t pick_at = pick_platform(inner.value());
                if (pick_at == std::string::npos) {
                    return err(Errc::bad_oci, "image index " + short_digest(d.digest) + " has no image for platform " +
                                                 wanted_platform() + " (it has: " + platform_list(inner.value()) + ")");
                }
                d = (*inner)[pick_at];
                continue;
            }
            if (!mt.empty() && mt != media::oci_manifest && mt != media::docker_manifest)
                return err(Errc::unsupported, "manifest " + short_digest(d.digest) + " has media type '" + mt +
                                                  "', not an image manifest");
            out.manifest_digest = d.digest;
            manifest = std::move(j.value());
            break;
        }
        const std::string mname = "manifest " + short_digest(out.manifest_digest);
        const json* cfg = JsonReader::field(manifest, "config");
        if (!cfg) return err(Errc::bad_oci, mname + " has no config descriptor");
        auto cd = descriptor(*cfg, mname + ".config");
        if (!cd) return cd.error();
        auto cb = blob(cd.value(), "the image config");
        if (!cb) return cb.error();
        if (Status st = load_config(cb.value(), out); !st) return st.error();

        const json* ls = JsonReader::field(manifest, "layers");
        if (ls && !ls->is_array()) return err(Errc::bad_oci, mname + ": layers is not an array");
        size_t n = ls ? ls->size() : 0;
        if (n != out.config.diff_ids.size())
            return err(Errc::bad_oci, mname + " has " + std::to_string(n) + " layers but the config lists " +
                                          std::to_string(out.config.diff_ids.size()) + " rootfs.diff_ids");
        for (size_t i = 0; i < n; ++i) {
            auto ld = descriptor((*ls)[i], mname + ".layers[" + std::to_string(i) + "]");
            if (!ld) return ld.error();
            const std::string& mt = ld->media_type;
            bool known = mt.empty() || mt == media::oci_layer || mt == media::oci_layer_gzip ||
                         mt == media::oci_layer_zstd || mt == media::docker_layer_gzip ||
                         mt == media::docker_foreign_layer_gzip ||
                         mt == "application/vnd.oci.image.layer.nondistributable.v1.tar" ||
                         mt == "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
            if (!known)
                return err(Errc::unsupported,
                           "layer " + std::to_string(i) + " has media type '" + mt + "', which is not a layer tar");
            ImportedLayer info;
            info.path = "blobs/sha256/" + ld->digest.hex();
            info.media_type = mt;
            info.digest = ld->digest;
            if (const PreparedLayer* p = files.count(info.path) ? nullptr : prepared_at(info.path)) {
                info.blob_size = p->blob->bytes.size();
                if (Status st = blob_matches(ld.value(), "layer " + std::to_string(i), info.blob_size, p->blob->digest); !st)
                    return st.error();
                if (Status st = use_layer(*p, info, out.config.diff_ids[i], i, out); !st) return st.error();
                out.layers.push_back(std::move(info));
                continue;
            }
            auto lb = blob(ld.value(), "layer " + std::to_string(i));
            if (!lb) return lb.error();
            info.blob_size = lb->size();
            if (Status st = load_layer(lb.value(), info, out.config.diff_ids[i], i, out); !st) return st.error();
            out.layers.push_back(std::move(info));
        }
        return out;
    }

    Result<ImportedImage> docker_save() const {
        ImportedImage out;
        out.format = "docker-save";
        auto mj = parse_json(files.find("manifest.json")->second, "manifest.json");
        if (!mj) return err(mj.error().code, mj.error().message);
        const json& arr = mj.value();
        if (!arr.is_array() || arr.empty()) return err(Errc::bad_oci, "manifest.json is not a non-empty array");
        size_t pick = 0;
        std::string tags_seen;
        if (!opts.ref.empty()) {
            bool found = false;
            for (size_t i = 0; i < arr.size() && !found; ++i) {
                std::vector<std::string> tags;
                JsonReader r;
                r.strings(arr[i], "RepoTags", tags, "");
                for (const std::string& t : tags) {
                    tags_seen += (tags_seen.empty() ? "" : ", ") + t;
                    // "busybox:latest" matches "busybox:latest", "latest" and "busybox"
                    size_t colon = t.rfind(':');
                    std::string repo = colon == std::string::npos ? t : t.substr(0, colon);
                    std::string tag = colon == std::string::npos ? "latest" : t.substr(colon + 1);
                    if (t == opts.ref || tag == opts.ref || (repo == opts.ref && tag == "latest")) {
                        pick = i;
                        found = true;
                    }
                }
            }
            if (!found)
                return err(Errc::bad_oci, "manifest.json has no image tagged '" + opts.ref + "'" +
                                              (tags_seen.empty() ? "" : " (it has: " + tags_seen + ")"));
        }
        const json& m = arr[pick];
        JsonReader r;
        std::string config_path;
        std::vector<std::string> tags, layer_paths;
        r.str(m, "Config", config_path, "manifest.json: ");
        r.strings(m, "RepoTags", tags, "manifest.json: ");
        r.strings(m, "Layers", layer_paths, "manifest.json: ");
        if (!r.ok()) return err(Errc::bad_json, r.first_error);
        if (config_path.empty()) return err(Errc::bad_oci, "manifest.json names no Config");
        if (!tags.empty()) out.ref_name = tags[0];
        auto cf = files.find(config_path);
        if (cf == files.end()) return err(Errc::bad_oci, "the image config " + config_path + " is missing");
        if (Status st = self_named(config_path, sha256(cf->second), "the image config"); !st) return st.error();
        if (Status st = load_config(cf->second, out); !st) return st.error();
        if (layer_paths.size() != out.config.diff_ids.size())
            return err(Errc::bad_oci, "manifest.json lists " + std::to_string(layer_paths.size()) +
                                          " layers but the config lists " + std::to_string(out.config.diff_ids.size()) +
                                          " rootfs.diff_ids");
        for (size_t i = 0; i < layer_paths.size(); ++i) {
            ImportedLayer info;
            info.path = layer_paths[i];
            auto lf = files.find(info.path);
            const PreparedLayer* p = lf == files.end() ? prepared_at(info.path) : nullptr;
            if (lf == files.end() && !p)
                return err(Errc::bad_oci, "layer " + std::to_string(i) + ": " + info.path + " is missing");
            info.digest = p ? p->blob->digest : sha256(lf->second);
            info.blob_size = p ? p->blob->bytes.size() : lf->second.size();
            if (Status st = self_named(info.path, info.digest, "layer " + std::to_string(i)); !st) return st.error();
            Status st = p ? use_layer(*p, info, out.config.diff_ids[i], i, out)
                          : load_layer(lf->second, info, out.config.diff_ids[i], i, out);
            if (!st) return st.error();
            out.layers.push_back(std::move(info));
        }
        return out;
    }
};

// skopeo's `dir:` layout (containers/image directory transport): a
// `version` file, manifest.json (one manifest) and every blob as a file
// named by its hex digest. Read as the OCI layout it describes: index.json
// pointing at manifest.json, the blobs under blobs/sha256/.
Result<ImportedImage> import_skopeo_dir(const FileViews& files, const PreparedLayers& prepared, Store& store,
                                        const ImportOptions& opts, std::string_view what) {
    std::string_view manifest = files.find("manifest.json")->second;
    auto mj = parse_json(manifest, "manifest.json");
    if (!mj) return make_error(mj.error().code, mj.error().message, SourceLoc{std::string(what)});
    std::string mt;
    JsonReader r;
    r.str(mj.value(), "mediaType", mt, "manifest.json: ");
    if (mj.value().contains("manifests"))
        return make_error(Errc::unsupported,
                          "this skopeo dir: layout holds a manifest list (skopeo copy --all); layerlab reads a dir: "
                          "layout of one image (copy it with --override-arch/--override-os, or without --all)",
                          SourceLoc{std::string(what)});
    Digest md = sha256(manifest);
    json idx = {{"schemaVersion", 2}};
    json desc = {{"digest", md.str()}, {"size", manifest.size()}};
    if (!mt.empty()) desc["mediaType"] = mt;
    idx["manifests"] = json::array({desc});
    std::string index_text = idx.dump(-1, ' ', false, json::error_handler_t::replace);
    std::string layout_text = R"({"imageLayoutVersion":"1.0.0"})";
    FileViews layout;
    layout.emplace("index.json", index_text);
    layout.emplace("oci-layout", layout_text);
    layout.emplace("blobs/sha256/" + md.hex(), manifest);
    auto is_hex = [](const std::string& path) {
        return path.size() == 64 && path.find_first_not_of("0123456789abcdef") == std::string::npos;
    };
    for (const auto& [path, bytes] : files)
        if (is_hex(path)) layout.emplace("blobs/sha256/" + path, bytes);
    PreparedLayers blobs;
    for (const auto& [path, layer] : prepared)
        if (is_hex(path)) blobs.emplace("blobs/sha256/" + path, layer);
    auto out = import_image_files(layout, blobs, store, opts, what);
    if (out) out->format = "skopeo dir";
    return out;
}

}  // namespace

Result<ImportedImage> import_image_files(const FileViews& files, Store& store, const ImportOptions& opts,
                                         std::string_view what) {
    return import_image_files(files, PreparedLayers{}, store, opts, what);
}

Result<ImportedImage> import_image_files(const FileViews& files, const PreparedLayers& prepared, Store& store,
                                         const ImportOptions& opts, std::string_view what) {
    auto version = files.find("version");
    if (version != files.end() && version->second.rfind("Directory Transport Version:", 0) == 0 &&
        files.count("manifest.json") && !files.count("index.json"))
        return import_skopeo_dir(files, prepared, store, opts, what);
    Importer im{files, store, opts, std::string(what), &prepared};
    bool has_index = files.count("index.json") != 0, has_layout = files.count("oci-layout") != 0;
    bool has_docker = files.count("manifest.json") != 0;
    if (has_index && has_layout) return im.oci_layout(has_docker);
    if (has_docker) return im.docker_save();
    if (has_index) return im.err(Errc::bad_oci, "index.json without an oci-layout file: not an OCI image layout");
    return im.err(Errc::bad_oci,
                  "not an image: no index.json + oci-layout (OCI image layout) and no manifest.json (docker save)");
}

Result<ImportedImage> import_image_tar(std::string_view bytes, Store& store, const ImportOptions& opts,
                                       std::string_view what) {
    ImageImport im(store, opts, std::string(what));
    if (Status st = im.feed(bytes); !st) return st.error();
    return im.finish();
}

// ---------------------------------------------------------------- listings

namespace {

std::string mode4(uint32_t m) {
    char b[8];
    std::snprintf(b, sizeof b, "%04o", m & 07777);
    return b;
}

std::string owner(const Entry& e) { return std::to_string(e.uid) + ":" + std::to_string(e.gid); }

// Python's str.encode("unicode_escape") of a pax value decoded as UTF-8 with
// surrogateescape, as normalize.py prints xattr values.
std::string unicode_escape(std::string_view v) {
    std::string out;
    char buf[16];
    size_t i = 0;
    while (i < v.size()) {
        uint8_t c = uint8_t(v[i]);
        uint32_t cp = 0;
        size_t len = 0;
        if (c < 0x80) {
            cp = c;
            len = 1;
        } else if ((c & 0xe0) == 0xc0) {
            cp = c & 0x1fu;
            len = 2;
        } else if ((c & 0xf0) == 0xe0) {
            cp = c & 0x0fu;
            len = 3;
        } else if ((c & 0xf8) == 0xf0) {
            cp = c & 0x07u;
            len = 4;
        }
        bool valid = len > 0 && i + len <= v.size();
        for (size_t k = 1; valid && k < len; ++k) {
            uint8_t cc = uint8_t(v[i + k]);
            if ((cc & 0xc0) != 0x80) valid = false;
            cp = (cp << 6) | (cc & 0x3fu);
        }
        if (valid && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                      (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)))
            valid = false;
        if (!valid) {  // surrogateescape: one byte -> U+DC80..U+DCFF
            std::snprintf(buf, sizeof buf, "\\udc%02x", unsigned(c));
            out += buf;
            ++i;
            continue;
        }
        i += len;
        if (cp == '\\') {
            out += "\\\\";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0x100)) {
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
            out += buf;
        } else if (cp < 0x7f) {
            out += char(cp);
        } else if (cp < 0x10000) {
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(cp));
            out += buf;
        } else {
            std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(cp));
            out += buf;
        }
    }
    return out;
}

std::string file_fields(const Entry& e, const BlobStore& blobs) {
    return std::to_string(blobs.size(e.blob)) + "\tsha256:" + blobs.digest(e.blob).hex().substr(0, 16);
}

}  // namespace

std::string layer_listing(const Layer& layer, const Store& store) {
    std::vector<std::pair<std::pair<std::string, std::string>, std::string>> lines;  // ((path, kind), line)
    std::unordered_map<uint32_t, std::string> first_of_group;
    for (const Entry& e : layer.entries()) {
        std::string p = store.paths.str(e.path);
        if (p == "/") continue;
        std::string kind, f;
        switch (e.type) {
        case EntryType::whiteout: kind = "whiteout"; break;
        case EntryType::dir:
            kind = "dir";
            f = mode4(e.mode) + "\t" + owner(e);
            if (e.opaque) lines.push_back({{p, "opaque"}, p + "\topaque"});
            break;
        case EntryType::file: {
            if (e.link_group != 0) {
                auto [it, fresh] = first_of_group.emplace(e.link_group, p);
                if (!fresh) {
                    kind = "hardlink";
                    f = mode4(e.mode) + "\t" + owner(e) + "\t=> " + it->second;
                    break;
                }
            }
            kind = "file";
            f = mode4(e.mode) + "\t" + owner(e) + "\t" + file_fields(e, store.blobs);
            break;
        }
        case EntryType::symlink:
            kind = "symlink";
            f = mode4(e.mode) + "\t" + owner(e) + "\t-> " + e.target;
            break;
        case EntryType::chardev:
        case EntryType::blockdev:
            kind = e.type == EntryType::chardev ? "char" : "block";
            f = mode4(e.mode) + "\t" + owner(e) + "\t" + std::to_string(e.dev_major) + ":" +
                std::to_string(e.dev_minor);
            break;
        case EntryType::fifo:
            kind = "fifo";
            f = mode4(e.mode) + "\t" + owner(e);
            break;
        }
        std::string line = p + "\t" + kind;
        if (!f.empty()) line += "\t" + f;
        if (e.type != EntryType::whiteout)
            for (const Xattr& x : e.xattrs) line += "\txattr:" + x.name + "=" + unicode_escape(x.value);
        lines.push_back({{p, kind}, std::move(line)});
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines) out += l.second + "\n";
    return out;
}

std::string merged_listing(const Image& image, const Store& store) {
    ImageView view(image, store.paths);
    // Walk like os.walk: a directory's children (sorted), then its
    // subdirectories in sorted order; this order decides "same-inode-as".
    std::vector<Node> order;
    std::vector<Node> stack{view.root()};
    while (!stack.empty()) {
        Node dir = stack.back();
        stack.pop_back();
        std::vector<Node> kids;
        view.for_each_child(dir, [&](const Node& n) { kids.push_back(n); });
        std::sort(kids.begin(), kids.end(),
                  [&](const Node& a, const Node& b) { return store.paths.name(a.path) < store.paths.name(b.path); });
        for (const Node& k : kids) order.push_back(k);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it)
            if (it->is_dir()) stack.push_back(*it);
    }
    auto inode = [](const Node& n) { return (uint64_t(n.layer) << 32) | n.entry->link_group; };
    std::unordered_map<uint64_t, uint32_t> nlink;
    for (const Node& n : order)
        if (n.entry && n.entry->type == EntryType::file && n.entry->link_group) ++nlink[inode(n)];
    std::unordered_map<uint64_t, std::string> first;
    std::vector<std::string> lines;
    for (const Node& n : order) {
        const Entry& e = *n.entry;
        std::string p = store.paths.str(n.path);
        std::string line = p + "\t";
        std::string m = mode4(e.mode), own = owner(e);
        switch (e.type) {
        case EntryType::dir: line += "dir\t" + m + "\t" + own; break;
        case EntryType::file: {
            line += "file\t" + m + "\t" + own + "\t" + file_fields(e, store.blobs);
            uint32_t links = e.link_group ? nlink[inode(n)] : 1;
            if (links > 1) {
                line += "\tnlink=" + std::to_string(links);
                auto [it, fresh] = first.emplace(inode(n), p);
                if (!fresh) line += "\tsame-inode-as=" + it->second;
            }
            break;
        }
        case EntryType::symlink: line += "symlink\t" + m + "\t" + own + "\t-> " + e.target; break;
        case EntryType::chardev:
        case EntryType::blockdev:
            line += std::string(e.type == EntryType::chardev ? "char" : "block") + "\t" + m + "\t" + own + "\t" +
                    std::to_string(e.dev_major) + ":" + std::to_string(e.dev_minor);
            break;
        case EntryType::fifo: line += "fifo\t" + m + "\t" + own; break;
        case EntryType::whiteout: continue;  // never visible
        }
        for (const Xattr& x : e.xattrs) line += "\txattr:" + x.name;
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
}

// ---------------------------------------------------------------- export

ExportedImage export_oci_layout(const Image& image, const Store& store, const ExportOptions& opts) {
    ExportedImage out;
    ojson layers = ojson::array();
    for (const LayerPtr& l : image.layers()) {
        if (const auto& orig = l->original_blob()) {
            // an imported layer: its own blob, byte for byte (docker commit
            // and docker save never re-pack a parent's layer)
            out.diff_ids.push_back(l->diff_id(store.paths, store.blobs));
            out.layer_digests.push_back(orig->digest);
            out.layer_sizes.push_back(orig->bytes.size());
            ojson d = ojson::object();
            d["mediaType"] = orig->media_type;
            d["digest"] = orig->digest.str();
            d["size"] = orig->bytes.size();
            layers.push_back(std::move(d));
            out.files["blobs/sha256/" + orig->digest.hex()] = orig->bytes;
            continue;
        }
        std::string gz;
        Sha256 tar_sha, gz_sha;
        GzipWriter w(
            [&](const char* p, size_t n) {
                gz.append(p, n);
                gz_sha.update(p, n);
            },
            opts.gzip_level);
        write_layer_tar(*l, store.paths, store.blobs, [&](const char* p, size_t n) {
            tar_sha.update(p, n);
            w.write(p, n);
        });
        w.finish();
        Digest diff = tar_sha.finish(), dig = gz_sha.finish();
        out.diff_ids.push_back(diff);
        out.layer_digests.push_back(dig);
        out.layer_sizes.push_back(gz.size());
        ojson d = ojson::object();
        d["mediaType"] = media::oci_layer_gzip;
        d["digest"] = dig.str();
        d["size"] = gz.size();
        layers.push_back(std::move(d));
        out.files["blobs/sha256/" + dig.hex()] = std::move(gz);
    }
    OciConfig c;
    c.created = opts.created;
    c.author = opts.author;
    c.config = image.config;
    c.history = image.history;
    c.diff_ids = out.diff_ids;
    std::string config = serialize_image_config(c);
    out.image_id = sha256(config);

    ojson cd = ojson::object();
    cd["mediaType"] = media::oci_config;
    cd["digest"] = out.image_id.str();
    cd["size"] = config.size();
    ojson manifest = ojson::object();
    manifest["schemaVersion"] = 2;
    manifest["mediaType"] = media::oci_manifest;
    manifest["config"] = std::move(cd);
    manifest["layers"] = std::move(layers);
    std::string mbytes = go_json(manifest);
    out.manifest_digest = sha256(mbytes);

    ojson md = ojson::object();
    md["mediaType"] = media::oci_manifest;
    md["digest"] = out.manifest_digest.str();
    md["size"] = mbytes.size();
    ojson ann = ojson::object();
    ann[std::string(media::ref_name_annotation)] = opts.ref_name.empty() ? "latest" : opts.ref_name;
    md["annotations"] = std::move(ann);
    ojson index = ojson::object();
    index["schemaVersion"] = 2;
    index["mediaType"] = media::oci_index;
    index["manifests"] = ojson::array({std::move(md)});

    out.files["blobs/sha256/" + out.image_id.hex()] = std::move(config);
    out.files["blobs/sha256/" + out.manifest_digest.hex()] = std::move(mbytes);
    out.files["index.json"] = go_json(index);
    out.files["oci-layout"] = "{\"imageLayoutVersion\":\"1.0.0\"}";
    return out;
}

}  // namespace ll
