#include "core/dockerfile/mount.h"

#include <vector>

#include "core/dockerfile/text.h"

namespace ll::dockerfile {

const char* mount_type_name(MountType t) {
    switch (t) {
    case MountType::bind: return "bind";
    case MountType::cache: return "cache";
    case MountType::tmpfs: return "tmpfs";
    case MountType::secret: return "secret";
    case MountType::ssh: return "ssh";
    }
    return "?";
}

namespace {

Error mount_error(std::string msg) { return make_error(Errc::bad_flag, std::move(msg)); }

// Go encoding/csv for one record with default settings: fields split on
// ',', a field may be "quoted" with "" for a quote; a quote inside an
// unquoted field is an error.
Result<std::vector<std::string>> csv_fields(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    for (;;) {
        std::string field;
        if (i < s.size() && s[i] == '"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                field += s[i++];
            }
            if (!closed || (i < s.size() && s[i] != ','))
                return mount_error(
                    "the --mount value has a badly placed \" (quote a whole field, like \"source=a,b\")");
        } else {
            while (i < s.size() && s[i] != ',') {
                if (s[i] == '"')
                    return mount_error("the --mount value has a \" inside a field; quote the whole field instead");
                field += s[i++];
            }
        }
        out.push_back(std::move(field));
        if (i >= s.size()) break;
        ++i;  // ','
    }
    return out;
}

std::optional<bool> parse_bool(std::string_view v) {
    // Go strconv.ParseBool.
    if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True") return true;
    if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False") return false;
    return std::nullopt;
}

std::optional<uint64_t> parse_uint(std::string_view v, unsigned base, uint64_t max) {
    if (v.empty()) return std::nullopt;
    uint64_t n = 0;
    for (char c : v) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else
            return std::nullopt;
        if (d >= base) return std::nullopt;
        if (n > (max - d) / base) return std::nullopt;
        n = n * base + d;
    }
    return n;
}

// go-units RAMInBytes: "64m", "1.5g", "512kb", "100" (binary multiples).
std::optional<int64_t> parse_ram(std::string_view v) {
    size_t i = 0;
    double num = 0;
    bool digits = false;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
        num = num * 10 + (v[i] - '0');
        digits = true;
        ++i;
    }
    if (!digits) return std::nullopt;
    if (i < v.size() && v[i] == '.') {
        ++i;
        double scale = 0.1;
        bool frac = false;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
            num += (v[i] - '0') * scale;
            scale /= 10;
            frac = true;
            ++i;
        }
        if (!frac) return std::nullopt;
    }
    if (i < v.size() && v[i] == ' ') ++i;
    double mult = 1;
    if (i < v.size()) {
        switch (v[i] | 0x20) {
        case 'k':
            mult = 1024.0;
            ++i;
            break;
        case 'm':
            mult = 1024.0 * 1024;
            ++i;
            break;
        case 'g':
            mult = 1024.0 * 1024 * 1024;
            ++i;
            break;
        case 't':
            mult = 1024.0 * 1024 * 1024 * 1024;
            ++i;
            break;
        case 'p':
            mult = 1024.0 * 1024 * 1024 * 1024 * 1024;
            ++i;
            break;
        default: break;
        }
    }
    if (i < v.size() && (v[i] | 0x20) == 'i') ++i;
    if (i < v.size() && (v[i] | 0x20) == 'b') ++i;
    if (i != v.size()) return std::nullopt;
    const double bytes = num * mult;
    if (bytes > 9.2e18) return std::nullopt;
    return static_cast<int64_t>(bytes);
}

bool has_dollar(std::string_view v) { return v.find('$') != std::string_view::npos; }

}  // namespace

Result<RunMount> parse_mount(std::string_view value, const WordExpander* expander) {
    RunMount m;
    m.text = std::string(value);
    if (value.empty()) return mount_error("--mount needs a value, like --mount=type=cache,target=/root/.cache");
    auto fields = csv_fields(value);
    if (!fields) return fields.error();

    bool ro_auto = true;
    bool type_known = true;  // false while type= holds an unexpanded $VAR
    bool have_mode = false, have_uid = false, have_gid = false;
    for (const std::string& field : fields.value()) {
        const size_t eq = field.find('=');
        const std::string key = to_lower(std::string_view(field).substr(0, eq));
        if (eq == std::string::npos) {
            if (key == "readonly" || key == "ro") {
                m.read_only = true;
                ro_auto = false;
            } else if (key == "readwrite" || key == "rw") {
                m.read_only = false;
                ro_auto = false;
            } else if (key == "required") {
                if (type_known && m.type != MountType::secret && m.type != MountType::ssh)
                    return mount_error("'required' only applies to secret and ssh mounts, not to " +
                                       std::string(mount_type_name(m.type)) + " mounts");
                m.required = true;
            } else {
                return mount_error("--mount field '" + field + "' must be a key=value pair, like target=/cache");
            }
            continue;
        }
        std::string v = field.substr(eq + 1);
        bool raw = false;  // unexpanded value: keep it, skip checks that need the real value
        if (expander) {
            auto r = (*expander)(v);
            if (!r) return r.error();
            v = std::move(r.value());
        } else if (key == "from") {
            const size_t d = v.find('$');
            if (d != std::string::npos && d + 1 != v.size())
                return mount_error(
                    "--mount from= cannot use variables; add a stage with FROM ${...} AS name and use its name");
        } else if (has_dollar(v)) {
            raw = true;
            m.needs_expansion = true;
        }
        if (key == "type") {
            if (raw) {
                type_known = false;
                continue;
            }
            const std::string t = to_lower(v);
            if (t == "bind")
                m.type = MountType::bind;
            else if (t == "cache")
                m.type = MountType::cache;
            else if (t == "tmpfs")
                m.type = MountType::tmpfs;
            else if (t == "secret")
                m.type = MountType::secret;
            else if (t == "ssh")
                m.type = MountType::ssh;
            else {
                std::string hint = closest_match(t, {"bind", "cache", "tmpfs", "secret", "ssh"});
                return mount_error("unsupported mount type \"" + v + "\"" +
                                   (hint.empty() ? std::string("; use bind, cache, tmpfs, secret or ssh")
                                                 : " (did you mean " + hint + "?)"));
            }
            type_known = true;
        } else if (key == "from") {
            m.from = v;
        } else if (key == "source" || key == "src") {
            m.source = v;
        } else if (key == "target" || key == "dst" || key == "destination") {
            m.target = v;
        } else if (key == "readonly" || key == "ro" || key == "readwrite" || key == "rw") {
            ro_auto = false;
            if (raw) continue;
            auto b = parse_bool(v);
            if (!b) return mount_error("invalid value for " + key + ": " + v + " (use true or false)");
            m.read_only = (key == "readonly" || key == "ro") ? *b : !*b;
        } else if (key == "required") {
            if (type_known && m.type != MountType::secret && m.type != MountType::ssh)
                return mount_error("'required' only applies to secret and ssh mounts, not to " +
                                   std::string(mount_type_name(m.type)) + " mounts");
            if (raw) continue;
            auto b = parse_bool(v);
            if (!b) return mount_error("invalid value for required: " + v + " (use true or false)");
            m.required = *b;
        } else if (key == "size") {
            if (type_known && m.type != MountType::tmpfs)
                return mount_error("'size' only applies to tmpfs mounts, not to " +
                                   std::string(mount_type_name(m.type)) + " mounts");
            if (raw) continue;
            auto n = parse_ram(v);
            if (!n) return mount_error("invalid value for size: " + v + " (like 64m or 1g)");
            m.size_limit = *n;
        } else if (key == "id") {
            m.id = v;
        } else if (key == "sharing") {
            if (raw) continue;
            const std::string s = to_lower(v);
            if (s != "shared" && s != "private" && s != "locked")
                return mount_error("unsupported sharing value \"" + v + "\"; use shared, private or locked");
            m.sharing = s;
        } else if (key == "mode") {
            have_mode = true;
            if (raw) continue;
            auto n = parse_uint(v, 8, 0xFFFFFFFFu);
            if (!n) return mount_error("invalid value " + v + " for mode (an octal number like 0644)");
            m.mode = n;
        } else if (key == "uid" || key == "gid") {
            (key == "uid" ? have_uid : have_gid) = true;
            if (raw) continue;
            auto n = parse_uint(v, 10, 0xFFFFFFFFu);
            if (!n) return mount_error("invalid value " + v + " for " + key + " (a number like 1000)");
            (key == "uid" ? m.uid : m.gid) = n;
        } else if (key == "env") {
            m.env = v;
        } else {
            static const std::vector<std::string_view> keys = {
                "type", "from", "source", "target", "readonly",    "id", "sharing", "required",  "size", "mode",
                "uid",  "gid",  "src",    "dst",    "destination", "ro", "rw",      "readwrite", "env"};
            std::string hint = closest_match(key, keys);
            return mount_error("unexpected key '" + key + "' in --mount" +
                               (hint.empty() ? std::string() : " (did you mean " + hint + "?)"));
        }
    }
    if (!type_known) return m;  // the rest depends on the real type

    const bool file_info = m.type == MountType::secret || m.type == MountType::ssh || m.type == MountType::cache;
    const std::string tname = mount_type_name(m.type);
    if (!file_info) {
        if (have_mode) return mount_error("mode is not allowed for " + tname + " mounts");
        if (have_uid) return mount_error("uid is not allowed for " + tname + " mounts");
        if (have_gid) return mount_error("gid is not allowed for " + tname + " mounts");
    }
    if (ro_auto) m.read_only = !(m.type == MountType::cache || m.type == MountType::tmpfs);
    if (m.type == MountType::secret) {
        if (!m.from.empty()) return mount_error("a secret mount cannot have from=");
        if (!m.sharing.empty()) return mount_error("a secret mount cannot set sharing=");
        if (m.source.empty() && m.target.empty() && m.id.empty())
            return mount_error("a secret mount needs id= (or target=), like --mount=type=secret,id=npmrc");
        if (!m.source.empty() && !m.id.empty()) return mount_error("a secret mount cannot have both source= and id=");
    }
    if (!m.sharing.empty() && m.type != MountType::cache)
        return mount_error("sharing= only applies to cache mounts, not to " + tname + " mounts");
    return m;
}

std::string describe_mount(const RunMount& m) {
    const std::string target = m.target.empty() ? std::string("(no target)") : m.target;
    std::string s;
    switch (m.type) {
    case MountType::bind:
        s = "a " + std::string(m.read_only ? "read-only" : "writable (changes are thrown away)") + " view of " +
            (m.from.empty() ? std::string("the build context") : "stage/image " + m.from) +
            (m.source.empty() ? std::string() : " path " + m.source) + " at " + target;
        break;
    case MountType::cache:
        s = "a build cache at " + target + " that the builder keeps between builds (id " +
            (m.id.empty() ? target : m.id) + ", sharing " + (m.sharing.empty() ? "shared" : m.sharing) + ")";
        break;
    case MountType::tmpfs: s = "an empty in-memory directory at " + target; break;
    case MountType::secret:
        s = "the build secret " + (m.id.empty() ? m.target : m.id) + " as the file " +
            (m.target.empty() ? "/run/secrets/" + m.id : m.target) + (m.env ? " and variable " + *m.env : "");
        break;
    case MountType::ssh:
        s = "the SSH agent of the client" + (m.id.empty() ? std::string() : " (" + m.id + ")") + " as a socket" +
            (m.target.empty() ? std::string() : " at " + m.target);
        break;
    }
    s += ", visible only while this RUN runs; nothing of it goes into the layer";
    return s;
}

}  // namespace ll::dockerfile
