// reference.cpp: distribution/reference's grammar and normalization (reference.h).
#include "core/reference.h"

#include <optional>
#include <vector>

namespace ll {

namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
bool word_char(char c) { return alnum(c) || c == '_'; }
bool hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// [a-z0-9]+ ( ("." | "_" | "__" | "-"+) [a-z0-9]+ )*
bool path_component(std::string_view s) {
    size_t i = 0;
    auto run = [&] {
        size_t b = i;
        while (i < s.size() && lower_alnum(s[i])) ++i;
        return i > b;
    };
    if (!run()) return false;
    while (i < s.size()) {
        if (s[i] == '.') {
            ++i;
        } else if (s[i] == '_') {
            ++i;
            if (i < s.size() && s[i] == '_') ++i;
        } else if (s[i] == '-') {
            while (i < s.size() && s[i] == '-') ++i;
        } else {
            return false;
        }
        if (!run()) return false;
    }
    return true;
}

// [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool domain_component(std::string_view s) {
    if (s.empty() || !alnum(s.front()) || !alnum(s.back())) return false;
    for (char c : s)
        if (!alnum(c) && c != '-') return false;
    return true;
}

// a-z A-Z 0-9 '-' components joined by '.'
bool domain_name(std::string_view host) {
    size_t b = 0;
    while (true) {
        size_t e = host.find('.', b);
        if (!domain_component(host.substr(b, e == std::string_view::npos ? e : e - b))) return false;
        if (e == std::string_view::npos) return true;
        b = e + 1;
    }
}

// host [":" port], host a domain name or an [IPv6] literal
bool domain(std::string_view s) {
    std::string_view rest;
    if (!s.empty() && s.front() == '[') {
        size_t close = s.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (char c : s.substr(1, close - 1))
            if (!hex_digit(c) && c != ':') return false;
        rest = s.substr(close + 1);
    } else {
        size_t colon = s.find(':');
        if (!domain_name(s.substr(0, colon))) return false;
        if (colon != std::string_view::npos) rest = s.substr(colon);
    }
    if (rest.empty()) return true;
    if (rest.size() < 2 || rest.front() != ':') return false;
    for (char c : rest.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

// [domain "/"] path-component ("/" path-component)*
bool name_matches(std::string_view s) {
    std::vector<std::string_view> parts;
    size_t b = 0;
    while (true) {
        size_t e = s.find('/', b);
        parts.push_back(s.substr(b, e == std::string_view::npos ? e : e - b));
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    bool rest_ok = true;
    for (size_t i = 1; i < parts.size(); ++i) rest_ok = rest_ok && path_component(parts[i]);
    if (!rest_ok) return false;
    return path_component(parts[0]) || (parts.size() > 1 && domain(parts[0]));
}

// [\w][\w.-]{0,127}
bool tag_matches(std::string_view s) {
    if (s.empty() || s.size() > 128 || !word_char(s[0])) return false;
    for (char c : s)
        if (!word_char(c) && c != '.' && c != '-') return false;
    return true;
}

// algorithm ":" [0-9a-fA-F]{32,}, algorithm [A-Za-z][A-Za-z0-9]* joined by [+._-]
bool digest_matches(std::string_view s) {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view alg = s.substr(0, colon), hex = s.substr(colon + 1);
    bool start = true;
    for (char c : alg) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (start) {
            if (!letter) return false;
            start = false;
        } else if (c == '+' || c == '.' || c == '_' || c == '-') {
            start = true;
        } else if (!letter && !(c >= '0' && c <= '9')) {
            return false;
        }
    }
    if (alg.empty() || start || hex.size() < 32) return false;
    for (char c : hex)
        if (!hex_digit(c)) return false;
    return true;
}

struct Parts {
    std::string_view name, tag, digest;
};

// reference := name [":" tag] ["@" digest]
std::optional<Parts> split_reference(std::string_view s) {
    Parts p;
    if (size_t at = s.find('@'); at != std::string_view::npos) {
        p.digest = s.substr(at + 1);
        s = s.substr(0, at);
        if (!digest_matches(p.digest)) return std::nullopt;
    }
    size_t slash = s.rfind('/');
    size_t colon = s.find(':', slash == std::string_view::npos ? 0 : slash + 1);
    if (colon != std::string_view::npos) {
        p.tag = s.substr(colon + 1);
        s = s.substr(0, colon);
        if (!tag_matches(p.tag)) return std::nullopt;
    }
    if (!name_matches(s)) return std::nullopt;
    p.name = s;
    return p;
}

// go-digest's Parse + Validate for the algorithms Docker registers.
std::optional<std::string> digest_error(std::string_view d) {
    size_t colon = d.find(':');
    std::string_view alg = d.substr(0, colon), hex = d.substr(colon + 1);
    size_t bytes = alg == "sha256" ? 32 : alg == "sha384" ? 48 : alg == "sha512" ? 64 : 0;
    if (bytes == 0) return std::string("unsupported digest algorithm");
    if (hex.size() != bytes * 2) return std::string("invalid checksum digest length");
    for (char c : hex)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::string("invalid checksum digest format");
    return std::nullopt;
}

Error ref_error(std::string msg) { return make_error(Errc::syntax, std::move(msg)); }

}  // namespace

std::string ImageRef::repository() const {
    if (domain == "docker.io") {
        if (path.rfind("library/", 0) == 0 && path.find('/', 8) == std::string::npos) return path.substr(8);
        return path;
    }
    return domain + "/" + path;
}

std::string ImageRef::familiar() const { return repository() + ":" + tag_or_latest(); }

std::string ImageRef::canonical() const {
    std::string s = domain + "/" + path;
    if (!tag.empty() || digest.empty()) s += ":" + tag_or_latest();
    if (!digest.empty()) s += "@" + digest;
    return s;
}

Result<ImageRef> parse_image_ref(std::string_view s) {
    if (s.size() == 64) {
        bool id = true;
        for (char c : s) id = id && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (id)
            return ref_error("invalid repository name (" + std::string(s) +
                             "), cannot specify 64-byte hexadecimal strings");
    }
    // splitDockerDomain: is the first component a registry?
    std::string dom, remainder;
    size_t slash = s.find('/');
    if (slash == std::string_view::npos) {
        dom = "docker.io";
        remainder = "library/" + std::string(s);
    } else {
        std::string_view first = s.substr(0, slash), rest = s.substr(slash + 1);
        if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos ||
            to_lower(first) != first) {
            dom = first == "index.docker.io" ? "docker.io" : std::string(first);
            remainder = std::string(rest);
        } else {
            dom = "docker.io";
            remainder = std::string(s);
        }
        if (dom == "docker.io" && remainder.find('/') == std::string::npos) remainder = "library/" + remainder;
    }
    std::string remote = remainder.substr(0, remainder.find(':'));
    if (to_lower(remote) != remote)
        return ref_error("invalid reference format: repository name (" + remote + ") must be lowercase");
    // Parse(domain + "/" + remainder)
    const std::string full = dom + "/" + remainder;
    std::optional<Parts> p = split_reference(full);
    if (!p) {
        if (to_lower(full) != full && split_reference(to_lower(full))) return ref_error("repository name must be lowercase");
        return ref_error("invalid reference format");
    }
    ImageRef r;
    r.domain = dom;
    r.path = std::string(p->name.substr(dom.size() + 1));
    if (r.path.size() > 255) return ref_error("repository name must not be more than 255 characters");
    r.tag = std::string(p->tag);
    if (!p->digest.empty()) {
        if (std::optional<std::string> e = digest_error(p->digest)) return ref_error(*e);
        r.digest = std::string(p->digest);
    }
    return r;
}

}  // namespace ll
