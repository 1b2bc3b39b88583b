// cmd_text.cpp: text commands (busybox coreutils/findutils): cat head tail
// wc sort uniq cut tr tee grep egrep fgrep seq xargs yes rev base64
// md5sum sha1sum sha256sum.
//
// Text is read whole (files are blobs; at most k_text_limit is materialized
// per input), processed, and written once. `cat` of large or synthetic
// files passes the blob through without reading it.
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   (start): usage, lines_of, read_input
//   cat: p_cat
//   head tail: old_count, p_head, p_tail
//   wc: p_wc
//   sort uniq: key_of, num_prefix, version_cmp, compare_key, p_sort, p_uniq
//   cut: parse_list, in_ranges, p_cut
//   tr: tr_expand, p_tr
//   tee: p_tee
//   grep: Matcher::find, Matcher::ok_word, Matcher::line_matches, grep_text, p_grep
//   seq yes rev: p_seq, p_yes, p_rev
//   xargs: p_xargs
//   checksums: Md5::rol, Md5::block, Md5::update, Md5::hex, Sha1::rol, Sha1::block, Sha1::update,
//              Sha1::hex, hash_blob, p_sum, p_base64, text_programs
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

#include "core/block_buffer.h"
#include "core/sha256.h"
#include "core/shell/interp.h"
#include "core/standin.h"
#include "core/shell/regex.h"

namespace ll::shell {

namespace {

const char* k_banner = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\n";

void usage(Ctx& ctx, const char* u) { ctx.err(std::string(k_banner) + "Usage: " + u + "\n"); }

// Splits text into lines (without '\n'); `last_nl` tells whether it ended with one.
std::vector<std::string_view> lines_of(std::string_view t, bool* last_nl = nullptr) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < t.size()) {
        size_t j = t.find('\n', i);
        if (j == std::string_view::npos) {
            out.push_back(t.substr(i));
            if (last_nl) *last_nl = false;
            return out;
        }
        out.push_back(t.substr(i, j - i));
        i = j + 1;
    }
    if (last_nl) *last_nl = true;
    return out;
}

// An input file for a text tool: "-" is stdin; errors printed the busybox way.
std::optional<std::string> read_input(Ctx& ctx, const std::string& f, bool quiet = false) {
    if (f != "-") {
        Result<Stat> s = ctx.c.stat(ctx.path(f));
        if (s && s->type == EntryType::dir) {
            if (!quiet) ctx.errmsg("read error: Is a directory");
            return std::nullopt;
        }
    }
    return ctx.file_text(f, quiet);
}

// ---------------------------------------------------------------- cat

int p_cat(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "nbvteAsu", o)) return 1;
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    bool plain = !(o.has('n') || o.has('b') || o.has('v') || o.has('t') || o.has('e') || o.has('A'));
    int status = 0;
    uint64_t lineno = 0;
    for (const std::string& f : files) {
        if (ctx.stopped()) return 1;
        if (plain) {
            if (f != "-") {
                Result<Stat> s = ctx.c.stat(ctx.path(f));
                if (s && s->type == EntryType::dir) {
                    ctx.errmsg("read error: Is a directory");
                    status = 1;
                    continue;
                }
            }
            std::optional<BlobId> b = ctx.file_blob(f);
            if (!b) {
                status = 1;
                continue;
            }
            if (ctx.fds.out[1]) ctx.fds.out[1]->write_blob(*b);
            continue;
        }
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) {
            status = 1;
            continue;
        }
        bool nl = true;
        std::vector<std::string_view> ls = lines_of(*t, &nl);
        std::string out;
        bool show_end = o.has('e') || o.has('A');
        bool show_tab = o.has('t') || o.has('A');
        bool show_np = o.has('v') || show_end || show_tab;
        for (size_t i = 0; i < ls.size(); ++i) {
            std::string_view l = ls[i];
            bool number = o.has('b') ? !l.empty() : o.has('n');
            if (number) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%6llu\t", (unsigned long long)++lineno);
                out += buf;
            }
            for (char ch : l) {
                unsigned char u = static_cast<unsigned char>(ch);
                if (ch == '\t' && show_tab) {
                    out += "^I";
                } else if (show_np && ch != '\t' && (u < 32 || u >= 127)) {
                    if (u >= 128) {
                        out += "M-";
                        u = u & 0x7f;
                    }
                    if (u < 32) {
                        out += '^';
                        out += char(u + 64);
                    } else if (u == 127) {
                        out += "^?";
                    } else {
                        out += char(u);
                    }
                } else {
                    out += ch;
                }
            }
            if (show_end && (i + 1 < ls.size() || nl)) out += '$';
            if (i + 1 < ls.size() || nl) out += '\n';
        }
        ctx.out(out);
    }
    return status;
}

// ---------------------------------------------------------------- head tail

// "-5" -> "-n 5" (obsolete forms)
std::vector<std::string> old_count(const std::vector<std::string>& argv) {
    std::vector<std::string> a = argv;
    if (a.size() > 1 && a[1].size() > 1 && (a[1][0] == '-' || a[1][0] == '+') &&
        std::all_of(a[1].begin() + 1, a[1].end(), [](char c) { return c >= '0' && c <= '9'; })) {
        std::string n = a[1][0] == '+' ? a[1] : a[1].substr(1);
        a.erase(a.begin() + 1);
        a.insert(a.begin() + 1, {"-n", n});
    }
    return a;
}

int p_head(Ctx& ctx) {
    ctx.argv = old_count(ctx.argv);
    Opts o;
    if (!parse_opts(ctx, "n:c:qv", o, true, {{"lines", 'n'}, {"bytes", 'c'}, {"quiet", 'q'}, {"verbose", 'v'}}))
        return 1;
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    bool bytes = o.arg('c') != nullptr;
    std::string spec = bytes ? *o.arg('c') : (o.arg('n') ? *o.arg('n') : "10");
    bool all_but = !spec.empty() && spec[0] == '-';
    std::optional<uint64_t> n = parse_size(all_but ? spec.substr(1) : spec);
    if (!n) {
        ctx.errmsg("invalid number '" + spec + "'");
        return 1;
    }
    bool headers = (files.size() > 1 && !o.has('q')) || o.has('v');
    int status = 0;
    bool first = true;
    for (const std::string& f : files) {
        // head -c N of an endless device reads just N bytes
        std::string p = f == "-" ? "" : ctx.path(f);
        Source* endless = nullptr;
        Source dev;
        if (p == "/dev/zero" || p == "/dev/urandom" || p == "/dev/random") {
            dev.kind = p == "/dev/zero" ? Source::Kind::zero : Source::Kind::urandom;
            dev.seed = 0x68656164ull + ++ctx.sh.next_tmp;
            endless = &dev;
        } else if (f == "-" && ctx.in().kind != Source::Kind::blob) {
            endless = &ctx.in();
        }
        if (headers) {
            ctx.out(std::string(first ? "" : "\n") + "==> " + (f == "-" ? "standard input" : f) + " <==\n");
        }
        first = false;
        if (endless && bytes && !all_but) {
            if (!ctx.charge_bytes(*n)) return 1;
            BlobStore& blobs = ctx.c.store().blobs;
            BlobId b = endless->kind == Source::Kind::zero ? blobs.fill(*n, 0) : blobs.random(*n, endless->seed);
            ctx.fds.out[1]->write_blob(b);
            continue;
        }
        if (bytes && !all_but) {
            std::optional<BlobId> b = ctx.file_blob(f);
            if (!b) {
                status = 1;
                continue;
            }
            BlobStore& blobs = ctx.c.store().blobs;
            ctx.fds.out[1]->write_blob(blobs.slice(*b, 0, *n));
            continue;
        }
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) {
            status = 1;
            continue;
        }
        if (bytes) {
            size_t keep = t->size() > *n ? size_t(t->size() - *n) : 0;
            ctx.out(std::string_view(*t).substr(0, keep));
            continue;
        }
        // lines
        size_t pos = 0, count = 0;
        if (!all_but) {
            while (pos < t->size() && count < *n) {
                size_t e = t->find('\n', pos);
                pos = e == std::string::npos ? t->size() : e + 1;
                ++count;
            }
            ctx.out(std::string_view(*t).substr(0, pos));
        } else {
            std::vector<std::string_view> ls = lines_of(*t);
            size_t keep = ls.size() > *n ? size_t(ls.size() - *n) : 0;
            std::string out;
            for (size_t i = 0; i < keep; ++i) {
                out.append(ls[i]);
                out += '\n';
            }
            ctx.out(out);
        }
    }
    return status;
}

int p_tail(Ctx& ctx) {
    ctx.argv = old_count(ctx.argv);
    Opts o;
    if (!parse_opts(ctx, "n:c:qvfFs:", o, true,
                    {{"lines", 'n'}, {"bytes", 'c'}, {"quiet", 'q'}, {"verbose", 'v'}, {"follow", 'f'}}))
        return 1;
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    bool bytes = o.arg('c') != nullptr;
    std::string spec = bytes ? *o.arg('c') : (o.arg('n') ? *o.arg('n') : "10");
    bool from_start = !spec.empty() && spec[0] == '+';
    std::string digits = (!spec.empty() && (spec[0] == '+' || spec[0] == '-')) ? spec.substr(1) : spec;
    std::optional<uint64_t> n = parse_size(digits);
    if (!n) {
        ctx.errmsg("invalid number '" + spec + "'");
        return 1;
    }
    bool headers = (files.size() > 1 && !o.has('q')) || o.has('v');
    int status = 0;
    bool first = true;
    for (const std::string& f : files) {
        if (headers) ctx.out(std::string(first ? "" : "\n") + "==> " + (f == "-" ? "standard input" : f) + " <==\n");
        first = false;
        if (bytes) {
            std::optional<BlobId> b = ctx.file_blob(f);
            if (!b) {
                status = 1;
                continue;
            }
            BlobStore& blobs = ctx.c.store().blobs;
            uint64_t size = blobs.size(*b);
            uint64_t start = from_start ? (*n > 0 ? *n - 1 : 0) : (size > *n ? size - *n : 0);
            ctx.fds.out[1]->write_blob(blobs.slice(*b, start, size - std::min(size, start)));
            continue;
        }
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) {
            status = 1;
            continue;
        }
        std::string_view tv = *t;
        size_t start = 0;
        if (from_start) {
            uint64_t skip = *n > 0 ? *n - 1 : 0;
            for (uint64_t k = 0; k < skip && start < tv.size(); ++k) {
                size_t e = tv.find('\n', start);
                start = e == std::string_view::npos ? tv.size() : e + 1;
            }
        } else {
            // back from the end: N newlines (a final newline does not count)
            size_t end = tv.size();
            if (end > 0 && tv[end - 1] == '\n') --end;
            uint64_t seen = 0;
            start = 0;
            for (size_t i = end; i-- > 0;) {
                if (tv[i] == '\n' && ++seen == *n) {
                    start = i + 1;
                    break;
                }
            }
            if (*n == 0) start = tv.size();
        }
        ctx.out(tv.substr(start));
    }
    if (o.has('f') || o.has('F')) {
        ctx.sh.abort_run("tail -f waits for more data forever: the command never ends");
        return 1;
    }
    return status;
}

// ---------------------------------------------------------------- wc

int p_wc(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "lwcmL", o, true, {{"lines", 'l'}, {"words", 'w'}, {"bytes", 'c'}, {"chars", 'm'}})) return 1;
    bool l = o.has('l'), w = o.has('w'), c = o.has('c') || o.has('m'), L = o.has('L');
    if (!l && !w && !c && !L) l = w = c = true;
    std::vector<std::string> files = o.operands;
    bool stdin_only = files.empty();
    if (stdin_only) files.push_back("-");
    int ncols = int(l) + int(w) + int(c) + int(L);
    bool pad = !(files.size() <= 1 && ncols == 1);
    uint64_t tl = 0, tw = 0, tc = 0, tL = 0;
    int status = 0;
    std::string out;
    auto row = [&](uint64_t a, uint64_t b, uint64_t cc, uint64_t d, const std::string& name) {
        std::string r;
        auto col = [&](uint64_t v) {
            char buf[32];
            std::snprintf(buf, sizeof buf, pad ? "%9llu" : "%llu", (unsigned long long)v);
            if (!r.empty()) r += ' ';
            r += buf;
        };
        if (l) col(a);
        if (w) col(b);
        if (c) col(cc);
        if (L) col(d);
        if (!name.empty()) r += " " + name;
        out += r + "\n";
    };
    for (const std::string& f : files) {
        uint64_t nl = 0, nw = 0, nc = 0, maxl = 0;
        if (!w && !l && !L) {
            // bytes only: the size, without reading
            std::optional<BlobId> b = ctx.file_blob(f);
            if (!b) {
                status = 1;
                continue;
            }
            nc = ctx.c.store().blobs.size(*b);
        } else {
            std::optional<std::string> t = read_input(ctx, f);
            if (!t) {
                status = 1;
                continue;
            }
            nc = t->size();
            bool in_word = false;
            uint64_t cur = 0;
            for (char ch : *t) {
                if (ch == '\n') {
                    ++nl;
                    maxl = std::max(maxl, cur);
                    cur = 0;
                } else if (ch == '\t') {
                    cur = (cur + 8) & ~uint64_t(7);
                } else {
                    ++cur;
                }
                bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
                if (space) {
                    in_word = false;
                } else if (!in_word) {
                    in_word = true;
                    ++nw;
                }
            }
            maxl = std::max(maxl, cur);
        }
        tl += nl;
        tw += nw;
        tc += nc;
        tL = std::max(tL, maxl);
        row(nl, nw, nc, maxl, stdin_only ? "" : f);
    }
    if (files.size() > 1) row(tl, tw, tc, tL, "total");
    ctx.out(out);
    return status;
}

// ---------------------------------------------------------------- sort uniq

struct SortKey {
    size_t f1 = 0, c1 = 0, f2 = 0, c2 = 0;  // 1-based; f2 == 0: to the end
    bool numeric = false, reverse = false, fold = false, blanks = false, general = false, human = false,
         version = false;
};

std::string_view key_of(std::string_view line, const SortKey& k, int sep) {
    // field starts: with -t, split on sep; else fields begin at a blank run
    auto field_start = [&](size_t f) -> size_t {
        size_t pos = 0;
        for (size_t i = 1; i < f; ++i) {
            if (sep >= 0) {
                size_t e = line.find(char(sep), pos);
                if (e == std::string_view::npos) return line.size();
                pos = e + 1;
            } else {
                while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
                while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
            }
        }
        return pos;
    };
    auto field_end = [&](size_t f) -> size_t {
        size_t s = field_start(f);
        if (sep >= 0) {
            size_t e = line.find(char(sep), s);
            return e == std::string_view::npos ? line.size() : e;
        }
        size_t p = s;
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
        while (p < line.size() && line[p] != ' ' && line[p] != '\t') ++p;
        return p;
    };
    size_t s = field_start(k.f1);
    if (k.blanks)
        while (s < line.size() && (line[s] == ' ' || line[s] == '\t')) ++s;
    if (k.c1 > 1) s = std::min(line.size(), s + k.c1 - 1);
    size_t e = line.size();
    if (k.f2) {
        e = k.c2 ? std::min(line.size(), field_start(k.f2) + k.c2) : field_end(k.f2);
    }
    if (e < s) e = s;
    return line.substr(s, e - s);
}

double num_prefix(std::string_view s, bool human) {
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string t;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) t += s[i++];
    bool dot = false;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !dot))) {
        if (s[i] == '.') dot = true;
        t += s[i++];
    }
    double v = (t.empty() || t == "-" || t == "+") ? 0 : std::strtod(t.c_str(), nullptr);
    if (human && i < s.size()) {
        static constexpr std::string_view u = "KMGTPE";
        size_t k = u.find(s[i]);
        if (k != std::string_view::npos)
            for (size_t j = 0; j <= k; ++j) v *= 1024;
    }
    return v;
}

int version_cmp(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && std::isdigit(static_cast<unsigned char>(a[i])) &&
            std::isdigit(static_cast<unsigned char>(b[j]))) {
            size_t i2 = i, j2 = j;
            while (i2 < a.size() && std::isdigit(static_cast<unsigned char>(a[i2]))) ++i2;
            while (j2 < b.size() && std::isdigit(static_cast<unsigned char>(b[j2]))) ++j2;
            std::string_view x = a.substr(i, i2 - i), y = b.substr(j, j2 - j);
            while (x.size() > 1 && x[0] == '0') x.remove_prefix(1);
            while (y.size() > 1 && y[0] == '0') y.remove_prefix(1);
            if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
            if (x != y) return x < y ? -1 : 1;
            i = i2;
            j = j2;
            continue;
        }
        int ca = i < a.size() ? static_cast<unsigned char>(a[i]) : -1;
        int cb = j < b.size() ? static_cast<unsigned char>(b[j]) : -1;
        if (ca != cb) return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    return 0;
}

int compare_key(std::string_view a, std::string_view b, const SortKey& k) {
    int r;
    if (k.numeric || k.general || k.human) {
        double x = num_prefix(a, k.human), y = num_prefix(b, k.human);
        r = x < y ? -1 : x > y ? 1 : 0;
    } else if (k.version) {
        r = version_cmp(a, b);
    } else if (k.fold) {
        size_t n = std::min(a.size(), b.size());
        r = 0;
        for (size_t i = 0; i < n && r == 0; ++i) {
            int x = std::toupper(static_cast<unsigned char>(a[i])), y = std::toupper(static_cast<unsigned char>(b[i]));
            if (x != y) r = x < y ? -1 : 1;
        }
        if (r == 0 && a.size() != b.size()) r = a.size() < b.size() ? -1 : 1;
    } else {
        int c = a.compare(b);
        r = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    return k.reverse ? -r : r;
}

int p_sort(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "nrufbsk:t:o:gMcCzVhmS:T:", o, true,
                    {{"numeric-sort", 'n'},
                     {"reverse", 'r'},
                     {"unique", 'u'},
                     {"key", 'k'},
                     {"field-separator", 't'},
                     {"ignore-case", 'f'},
                     {"version-sort", 'V'},
                     {"human-numeric-sort", 'h'},
                     {"output", 'o'},
                     {"stable", 's'}}))
        return 1;
    SortKey global;
    global.numeric = o.has('n');
    global.reverse = o.has('r');
    global.fold = o.has('f');
    global.blanks = o.has('b');
    global.general = o.has('g');
    global.version = o.has('V');
    global.human = o.has('h');
    int sep = -1;
    if (const std::string* t = o.arg('t')) {
        if (t->size() != 1) {
            ctx.errmsg("bad -t parameter");
            return 1;
        }
        sep = static_cast<unsigned char>((*t)[0]);
    }
    std::vector<SortKey> keys;
    auto ki = o.args.find('k');
    if (ki != o.args.end()) {
        for (const std::string& spec : ki->second) {
            SortKey k;
            k.f1 = 1;
            bool has_mod = false;
            size_t i = 0;
            auto num = [&](size_t& out) {
                size_t v = 0;
                bool any = false;
                while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
                    v = std::min<size_t>(v * 10 + size_t(spec[i] - '0'), 100000);
                    ++i;
                    any = true;
                }
                out = v;
                return any;
            };
            auto mods = [&]() {
                while (i < spec.size() && std::isalpha(static_cast<unsigned char>(spec[i]))) {
                    has_mod = true;
                    switch (spec[i]) {
                    case 'n': k.numeric = true; break;
                    case 'r': k.reverse = true; break;
                    case 'f': k.fold = true; break;
                    case 'b': k.blanks = true; break;
                    case 'g': k.general = true; break;
                    case 'h': k.human = true; break;
                    case 'V': k.version = true; break;
                    default: break;
                    }
                    ++i;
                }
            };
            if (!num(k.f1) || k.f1 == 0) {
                ctx.errmsg("invalid number '" + spec + "'");
                return 1;
            }
            if (i < spec.size() && spec[i] == '.') {
                ++i;
                num(k.c1);
            }
            mods();
            if (i < spec.size() && spec[i] == ',') {
                ++i;
                num(k.f2);
                if (i < spec.size() && spec[i] == '.') {
                    ++i;
                    num(k.c2);
                }
                mods();
            }
            if (!has_mod) {
                k.numeric = global.numeric;
                k.reverse = global.reverse;
                k.fold = global.fold;
                k.blanks = global.blanks;
                k.general = global.general;
                k.human = global.human;
                k.version = global.version;
            }
            keys.push_back(k);
        }
    }
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    std::string all;
    for (const std::string& f : files) {
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) return 2;
        all += *t;
        if (!t->empty() && t->back() != '\n') all += '\n';
    }
    std::vector<std::string_view> ls = lines_of(all);
    if (!ctx.sh.charge(ls.size() / 16)) return 1;
    auto cmp = [&](std::string_view a, std::string_view b) -> int {
        if (keys.empty()) {
            SortKey whole = global;
            whole.f1 = 1;
            return compare_key(a, b, whole);
        }
        for (const SortKey& k : keys) {
            int r = compare_key(key_of(a, k, sep), key_of(b, k, sep), k);
            if (r) return r;
        }
        return 0;
    };
    bool stable = o.has('s') || o.has('u');
    std::stable_sort(ls.begin(), ls.end(), [&](std::string_view a, std::string_view b) {
        int r = cmp(a, b);
        if (r) return r < 0;
        if (stable) return false;
        // last resort: whole line, byte order (reversed with -r)
        int c = a.compare(b);
        return global.reverse ? c > 0 : c < 0;
    });
    if (o.has('c') || o.has('C')) {
        // check only; busybox reports the 0-based index of the line out of order
        std::vector<std::string_view> orig = lines_of(all);
        for (size_t i = 1; i < orig.size(); ++i)
            if (cmp(orig[i - 1], orig[i]) > 0 || (o.has('u') && cmp(orig[i - 1], orig[i]) == 0)) {
                if (o.has('c')) ctx.err("Check line " + std::to_string(i) + "\n");
                return 1;
            }
        return 0;
    }
    std::string out;
    std::string_view prev;
    bool have_prev = false;
    for (std::string_view l : ls) {
        if (o.has('u') && have_prev && cmp(prev, l) == 0) continue;
        out.append(l);
        out += '\n';
        prev = l;
        have_prev = true;
    }
    if (const std::string* of = o.arg('o')) {
        Status s = ctx.c.write_text(ctx.path(*of), out, WriteMode::truncate);
        if (!s) {
            ctx.errmsg("can't open '" + *of + "': " + errno_text(s.error().code));
            return 2;
        }
        return 0;
    }
    ctx.out(out);
    return 0;
}

int p_uniq(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "cduif:s:w:", o, true,
                    {{"count", 'c'},
                     {"repeated", 'd'},
                     {"unique", 'u'},
                     {"ignore-case", 'i'},
                     {"skip-fields", 'f'},
                     {"skip-chars", 's'}}))
        return 1;
    std::string in = o.operands.empty() ? "-" : o.operands[0];
    std::optional<std::string> t = read_input(ctx, in);
    if (!t) return 1;
    size_t skip_f = size_t(o.arg('f') ? parse_int(*o.arg('f')).value_or(0) : 0);
    size_t skip_c = size_t(o.arg('s') ? parse_int(*o.arg('s')).value_or(0) : 0);
    size_t width = o.arg('w') ? size_t(parse_int(*o.arg('w')).value_or(0)) : std::string::npos;
    auto key = [&](std::string_view l) {
        size_t p = 0;
        for (size_t f = 0; f < skip_f; ++f) {
            while (p < l.size() && (l[p] == ' ' || l[p] == '\t')) ++p;
            while (p < l.size() && l[p] != ' ' && l[p] != '\t') ++p;
        }
        p = std::min(l.size(), p + skip_c);
        std::string k(l.substr(p, width));
        if (o.has('i'))
            for (char& ch : k) ch = char(std::tolower(static_cast<unsigned char>(ch)));
        return k;
    };
    std::vector<std::string_view> ls = lines_of(*t);
    std::string out;
    for (size_t i = 0; i < ls.size();) {
        size_t j = i + 1;
        std::string k = key(ls[i]);
        while (j < ls.size() && key(ls[j]) == k) ++j;
        size_t n = j - i;
        bool show = (!o.has('d') && !o.has('u')) || (o.has('d') && n > 1) || (o.has('u') && n == 1);
        if (show) {
            if (o.has('c')) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%7zu ", n);
                out += buf;
            }
            out.append(ls[i]);
            out += '\n';
        }
        i = j;
    }
    if (o.operands.size() > 1) {
        Status s = ctx.c.write_text(ctx.path(o.operands[1]), out);
        if (!s) {
            ctx.errmsg("can't open '" + o.operands[1] + "': " + errno_text(s.error().code));
            return 1;
        }
        return 0;
    }
    ctx.out(out);
    return 0;
}

// ---------------------------------------------------------------- cut

struct Range {
    size_t lo, hi;  // 1-based inclusive; hi == SIZE_MAX: open
};

bool parse_list(const std::string& s, std::vector<Range>& out) {
    for (const std::string& part : split_char(s, ',')) {
        if (part.empty()) return false;
        size_t dash = part.find('-');
        Range r{};
        if (dash == std::string::npos) {
            std::optional<int64_t> v = parse_int(part);
            if (!v || *v < 1) return false;
            r.lo = r.hi = size_t(*v);
        } else {
            std::string a = part.substr(0, dash), b = part.substr(dash + 1);
            std::optional<int64_t> x = a.empty() ? std::optional<int64_t>(1) : parse_int(a);
            std::optional<int64_t> y = b.empty() ? std::optional<int64_t>(INT64_MAX) : parse_int(b);
            if (!x || !y || *x < 1 || *y < *x) return false;
            r.lo = size_t(*x);
            r.hi = *y == INT64_MAX ? SIZE_MAX : size_t(*y);
        }
        out.push_back(r);
    }
    return !out.empty();
}

bool in_ranges(const std::vector<Range>& rs, size_t i) {
    for (const Range& r : rs)
        if (i >= r.lo && i <= r.hi) return true;
    return false;
}

int p_cut(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "b:c:f:d:sn", o, true,
                    {{"bytes", 'b'},
                     {"characters", 'c'},
                     {"fields", 'f'},
                     {"delimiter", 'd'},
                     {"only-delimited", 's'},
                     {"output-delimiter", 'O'}}))
        return 1;
    const std::string* list = o.arg('f') ? o.arg('f') : o.arg('c') ? o.arg('c') : o.arg('b');
    if (!list) {
        ctx.errmsg("expected a list of bytes, characters, or fields");
        return 1;
    }
    std::vector<Range> rs;
    if (!parse_list(*list, rs)) {
        ctx.errmsg("invalid range");  // busybox: "cut: invalid ... "
        return 1;
    }
    bool fields = o.arg('f') != nullptr;
    char delim = '\t';
    if (const std::string* d = o.arg('d')) {
        if (d->size() > 1) {
            ctx.errmsg("the delimiter must be a single character");
            return 1;
        }
        delim = d->empty() ? '\0' : (*d)[0];
    }
    std::string odelim(1, delim);
    if (const std::string* od = o.arg('O')) odelim = *od;
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    int status = 0;
    std::string out;
    for (const std::string& f : files) {
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) {
            status = 1;
            continue;
        }
        for (std::string_view l : lines_of(*t)) {
            if (!fields) {
                for (size_t i = 0; i < l.size(); ++i)
                    if (in_ranges(rs, i + 1)) out += l[i];
                out += '\n';
                continue;
            }
            if (l.find(delim) == std::string_view::npos) {
                if (!o.has('s')) {
                    out.append(l);
                    out += '\n';
                }
                continue;
            }
            std::vector<std::string> fs = split_char(l, delim);
            bool first = true;
            for (size_t i = 0; i < fs.size(); ++i) {
                if (!in_ranges(rs, i + 1)) continue;
                if (!first) out += odelim;
                out += fs[i];
                first = false;
            }
            out += '\n';
        }
    }
    ctx.out(out);
    return status;
}

// ---------------------------------------------------------------- tr

// Expands a tr SET ("a-z", "[:upper:]", "\n", "[x*5]") into bytes.
std::string tr_expand(std::string_view s, bool& ok) {
    std::string out;
    ok = true;
    auto one = [&](size_t& i) -> int {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char d = s[i + 1];
            if (d >= '0' && d <= '7') {
                int v = 0, n = 0;
                ++i;
                while (n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7') {
                    v = v * 8 + (s[i] - '0');
                    ++i;
                    ++n;
                }
                return v & 0xff;
            }
            i += 2;
            switch (d) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return '\a';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return '\v';
            case '\\': return '\\';
            default: return static_cast<unsigned char>(d);
            }
        }
        return static_cast<unsigned char>(s[i++]);
    };
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '[' && i + 1 < s.size() && s[i + 1] == ':') {
            size_t e = s.find(":]", i + 2);
            if (e != std::string_view::npos) {
                std::string_view name = s.substr(i + 2, e - i - 2);
                for (int c = 0; c < 256; ++c) {
                    unsigned char u = static_cast<unsigned char>(c);
                    bool in = (name == "alpha" && std::isalpha(u)) || (name == "digit" && std::isdigit(u)) ||
                              (name == "alnum" && std::isalnum(u)) || (name == "upper" && std::isupper(u)) ||
                              (name == "lower" && std::islower(u)) || (name == "space" && std::isspace(u)) ||
                              (name == "blank" && (c == ' ' || c == '\t')) || (name == "punct" && std::ispunct(u)) ||
                              (name == "print" && std::isprint(u)) || (name == "graph" && std::isgraph(u)) ||
                              (name == "cntrl" && std::iscntrl(u)) || (name == "xdigit" && std::isxdigit(u));
                    if (in) out += char(c);
                }
                i = e + 2;
                continue;
            }
        }
        int lo = one(i);
        if (i + 1 < s.size() && s[i] == '-') {
            ++i;
            int hi = one(i);
            if (hi < lo) {
                ok = false;
                return out;
            }
            for (int c = lo; c <= hi; ++c) out += char(c);
            continue;
        }
        out += char(lo);
    }
    return out;
}

int p_tr(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "cdsCt", o, true, {{"delete", 'd'}, {"squeeze-repeats", 's'}, {"complement", 'c'}})) return 1;
    if (o.operands.empty()) {
        usage(ctx, "tr [-cds] STRING1 [STRING2]");
        return 1;
    }
    bool ok1 = true, ok2 = true;
    std::string s1 = tr_expand(o.operands[0], ok1);
    std::string s2 = o.operands.size() > 1 ? tr_expand(o.operands[1], ok2) : "";
    if (!ok1 || !ok2) {
        ctx.errmsg("bad range");
        return 1;
    }
    bool complement = o.has('c') || o.has('C');
    std::array<bool, 256> in1{};
    for (char ch : s1) in1[static_cast<unsigned char>(ch)] = true;
    if (complement) {
        std::string all;
        for (int c = 0; c < 256; ++c)
            if (!in1[size_t(c)]) all += char(c);
        s1 = all;
        in1 = {};
        for (char ch : s1) in1[static_cast<unsigned char>(ch)] = true;
    }
    std::array<int, 256> map;
    for (int c = 0; c < 256; ++c) map[size_t(c)] = c;
    bool translate = !o.has('d') && !s2.empty();
    if (translate) {
        std::string t2 = s2;
        while (t2.size() < s1.size()) t2 += s2.back();
        for (size_t i = 0; i < s1.size(); ++i)
            map[static_cast<unsigned char>(s1[i])] = static_cast<unsigned char>(t2[i]);
    }
    std::array<bool, 256> squeeze{};
    const std::string& sq = (o.has('d') || translate) ? s2 : s1;
    for (char ch : sq) squeeze[static_cast<unsigned char>(ch)] = true;
    std::optional<std::string> t = ctx.stdin_text();
    if (!t) return 1;
    std::string out;
    out.reserve(t->size());
    int last = -1;
    for (char ch : *t) {
        unsigned char u = static_cast<unsigned char>(ch);
        if (o.has('d') && in1[u]) continue;
        int m = map[u];
        if (o.has('s') && squeeze[size_t(m)] && m == last) continue;
        out += char(m);
        last = m;
    }
    ctx.out(out);
    return 0;
}

// ---------------------------------------------------------------- tee

int p_tee(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "ai", o, true, {{"append", 'a'}})) return 1;
    std::optional<BlobId> b = ctx.stdin_blob();
    if (!b) return 1;
    int status = 0;
    Container& c = ctx.c;
    for (const std::string& f : o.operands) {
        std::string p = ctx.path(f);
        if (p == "/dev/null") continue;
        if (p == "/dev/stderr") {
            ctx.fds.out[2]->write_blob(*b);
            continue;
        }
        if (p == "/dev/stdout") {
            ctx.fds.out[1]->write_blob(*b);
            continue;
        }
        const BlobStore& blobs = c.store().blobs;
        if (blobs.is_literal(*b) && !ctx.sh.charge_data(blobs.size(*b))) return 1;
        Status s = c.write(p, *b, o.has('a') ? WriteMode::append : WriteMode::truncate, 0666);
        if (!s) {
            ctx.errmsg("can't open '" + f + "': " + errno_text(s.error().code));
            status = 1;
        }
    }
    if (ctx.fds.out[1]) ctx.fds.out[1]->write_blob(*b);
    return status;
}

// ---------------------------------------------------------------- grep

struct GrepOpts {
    bool H = false, h = false, n = false, l = false, L = false, c = false, o = false, q = false, v = false, s = false,
         r = false, i = false, w = false, x = false, F = false, E = false, z = false;
    uint64_t max = UINT64_MAX;
    size_t after = 0, before = 0;
};

struct Matcher {
    const GrepOpts& g;
    std::vector<Regex> res;
    std::vector<std::string> fixed;
    bool match_all = false;

    // The first match in `l` at or after `from`: [so, eo). false if none.
    bool find(std::string_view l, size_t from, size_t& so, size_t& eo) const {
        bool found = false;
        size_t best_so = 0, best_eo = 0;
        auto consider = [&](size_t s, size_t e) {
            if (!found || s < best_so || (s == best_so && e > best_eo)) {
                best_so = s;
                best_eo = e;
                found = true;
            }
        };
        if (g.F) {
            for (const std::string& p : fixed) {
                size_t pos = from;
                for (;;) {
                    size_t k;
                    if (g.i) {
                        auto it = std::search(l.begin() + long(pos), l.end(), p.begin(), p.end(), [](char a, char b) {
                            return std::tolower(static_cast<unsigned char>(a)) ==
                                   std::tolower(static_cast<unsigned char>(b));
                        });
                        k = it == l.end() && !p.empty() ? std::string_view::npos : size_t(it - l.begin());
                        if (p.empty()) k = pos;
                    } else {
                        k = l.find(p, pos);
                    }
                    if (k == std::string_view::npos) break;
                    if (ok_word(l, k, k + p.size())) {
                        consider(k, k + p.size());
                        break;
                    }
                    pos = k + 1;
                    if (pos > l.size()) break;
                }
            }
        } else {
            for (const Regex& re : res) {
                size_t pos = from;
                while (pos <= l.size()) {
                    Regex::Match m;
                    if (!re.search(l, pos, m, pos > 0)) break;
                    if (ok_word(l, m.so[0], m.eo[0])) {
                        consider(m.so[0], m.eo[0]);
                        break;
                    }
                    pos = m.so[0] + 1;
                }
            }
        }
        so = best_so;
        eo = best_eo;
        return found;
    }
    bool ok_word(std::string_view l, size_t s, size_t e) const {
        if (g.x) return s == 0 && e == l.size();
        if (!g.w) return true;
        auto word = [](char ch) { return ch == '_' || std::isalnum(static_cast<unsigned char>(ch)); };
        if (s > 0 && word(l[s - 1])) return false;
        if (e < l.size() && word(l[e])) return false;
        return e > s || true;
    }
    bool line_matches(std::string_view l) const {
        if (match_all && !g.x && !g.w) return true;
        size_t so, eo;
        return find(l, 0, so, eo);
    }
};

int grep_text(Ctx& ctx, const GrepOpts& g, const Matcher& m, const std::string& text, const std::string& name,
              bool prefix, std::string& out, bool& any) {
    char sep_nl = g.z ? '\0' : '\n';
    std::vector<std::string_view> ls;
    {
        size_t i = 0;
        while (i < text.size()) {
            size_t j = text.find(sep_nl, i);
            if (j == std::string::npos) {
                ls.push_back(std::string_view(text).substr(i));
                break;
            }
            ls.push_back(std::string_view(text).substr(i, j - i));
            i = j + 1;
        }
    }
    if (!ctx.sh.charge(ls.size() / 64 + 1)) return 0;
    uint64_t count = 0;
    size_t last_printed = SIZE_MAX;  // index of the last line printed (context)
    size_t after_left = 0;
    bool printed_any = false;
    auto emit = [&](size_t idx, char sep) {
        if ((g.before || g.after) && printed_any && last_printed != SIZE_MAX && idx > last_printed + 1) out += "--\n";
        if (prefix) out += name + sep;
        if (g.n) out += std::to_string(idx + 1) + sep;
        out.append(ls[idx]);
        out += sep_nl;
        last_printed = idx;
        printed_any = true;
    };
    size_t prog = 1;
    for (const Regex& re : m.res) prog += re.program_size();
    uint64_t work = 0;
    for (size_t idx = 0; idx < ls.size(); ++idx) {
        std::string_view l = ls[idx];
        // matching costs text x pattern: charge it
        work += (l.size() + 1) * prog;
        if (work >= (1u << 16)) {
            if (!ctx.sh.charge(work >> 16)) return 0;
            work &= 0xffff;
        }
        bool hit = m.line_matches(l) != g.v;
        if (!hit) {
            if (after_left > 0 && !g.q && !g.l && !g.L && !g.c) {
                emit(idx, '-');
                --after_left;
            }
            continue;
        }
        any = true;
        ++count;
        if (g.q) return 1;
        if (g.l || g.L) break;
        if (!g.c) {
            if (g.before) {
                size_t from = idx > g.before ? idx - g.before : 0;
                if (last_printed != SIZE_MAX && from <= last_printed) from = last_printed + 1;
                for (size_t k = from; k < idx; ++k) emit(k, '-');
            }
            if (g.o && !g.v) {
                size_t pos = 0, so, eo;
                while (pos <= l.size() && m.find(l, pos, so, eo)) {
                    if (eo > so) {
                        if (prefix) out += name + ":";
                        if (g.n) out += std::to_string(idx + 1) + ":";
                        out.append(l.substr(so, eo - so));
                        out += sep_nl;
                    }
                    pos = eo > so ? eo : so + 1;
                }
            } else if (!g.o) {
                emit(idx, ':');
            }
            after_left = g.after;
        }
        if (count >= g.max) break;
    }
    if (g.c) {
        if (prefix) out += name + ":";
        out += std::to_string(count) + "\n";
    }
    if (g.l && count > 0) out += name + "\n";
    if (g.L && count == 0) out += name + "\n";
    return 0;
}

int p_grep(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "HhnlLcoqvsrRiwxFEzm:A:B:C:e:f:y", o, true,
                    {{"with-filename", 'H'},
                     {"no-filename", 'h'},
                     {"line-number", 'n'},
                     {"files-with-matches", 'l'},
                     {"files-without-match", 'L'},
                     {"count", 'c'},
                     {"only-matching", 'o'},
                     {"quiet", 'q'},
                     {"silent", 'q'},
                     {"invert-match", 'v'},
                     {"no-messages", 's'},
                     {"recursive", 'r'},
                     {"ignore-case", 'i'},
                     {"word-regexp", 'w'},
                     {"line-regexp", 'x'},
                     {"fixed-strings", 'F'},
                     {"extended-regexp", 'E'},
                     {"max-count", 'm'},
                     {"regexp", 'e'},
                     {"file", 'f'}}))
        return 2;
    GrepOpts g;
    g.H = o.has('H');
    g.h = o.has('h');
    g.n = o.has('n');
    g.l = o.has('l');
    g.L = o.has('L');
    g.c = o.has('c');
    g.o = o.has('o');
    g.q = o.has('q');
    g.v = o.has('v');
    g.s = o.has('s');
    g.r = o.has('r') || o.has('R');
    g.i = o.has('i') || o.has('y');
    g.w = o.has('w');
    g.x = o.has('x');
    g.F = o.has('F') || ctx.name() == "fgrep";
    g.E = o.has('E') || ctx.name() == "egrep";
    g.z = o.has('z');
    if (const std::string* m = o.arg('m')) g.max = uint64_t(std::max<int64_t>(0, parse_int(*m).value_or(0)));
    auto ctxnum = [&](char c) -> size_t {
        const std::string* v = o.arg(c);
        return v ? size_t(std::clamp<int64_t>(parse_int(*v).value_or(0), 0, 1000000)) : 0;
    };
    g.after = ctxnum('A');
    g.before = ctxnum('B');
    if (o.arg('C')) g.after = g.before = ctxnum('C');
    std::vector<std::string> patterns;
    std::vector<std::string> ops = o.operands;
    auto ei = o.args.find('e');
    if (ei != o.args.end())
        for (const std::string& p : ei->second)
            for (const std::string& line : split_char(p, '\n')) patterns.push_back(line);
    auto fi = o.args.find('f');
    if (fi != o.args.end()) {
        for (const std::string& f : fi->second) {
            std::optional<std::string> t = read_input(ctx, f);
            if (!t) return 2;
            for (std::string_view l : lines_of(*t)) patterns.emplace_back(l);
        }
    }
    if (ei == o.args.end() && fi == o.args.end()) {
        if (ops.empty()) {
            usage(ctx, "grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
            return 2;
        }
        for (const std::string& line : split_char(ops[0], '\n')) patterns.push_back(line);
        ops.erase(ops.begin());
    }
    Matcher m{g, {}, {}, false};
    for (const std::string& p : patterns) {
        if (p.empty()) m.match_all = true;
        if (g.F) {
            m.fixed.push_back(p);
            continue;
        }
        Result<Regex> re = Regex::compile(p, (g.E ? Regex::extended : 0u) | (g.i ? Regex::icase : 0u));
        if (!re) {
            ctx.errmsg(re.error().message);
            return 2;
        }
        m.res.push_back(std::move(*re));
    }
    if (ops.empty()) ops.push_back(g.r ? "." : "-");
    bool prefix = (ops.size() > 1 || g.r) && !g.h;
    if (g.H) prefix = true;
    bool any = false, err = false;
    std::string out;
    std::vector<std::pair<std::string, std::string>> todo;  // shown name, user path
    for (const std::string& f : ops) todo.emplace_back(f, f);
    for (size_t k = 0; k < todo.size(); ++k) {
        if (ctx.stopped()) return 2;
        auto [shown, f] = todo[k];
        if (g.r && f != "-") {
            Result<Stat> st = ctx.c.stat(ctx.path(f));
            if (st && st->type == EntryType::dir) {
                Result<std::vector<DirEntry>> kids = ctx.c.list(ctx.path(f));
                if (!kids) {
                    if (!g.s) ctx.errmsg(shown + ": " + errno_text(kids.error().code));
                    err = true;
                    continue;
                }
                std::vector<std::pair<std::string, std::string>> sub;
                for (const DirEntry& d : *kids) {
                    std::string child = (f.empty() || f.back() == '/') ? f + d.name : f + "/" + d.name;
                    if (!o.has('R') && d.type == EntryType::symlink) {
                        // -r reads a symlink as a file but does not descend through it
                        Result<Stat> t = ctx.c.stat(ctx.path(child));
                        if (t && t->type == EntryType::dir) continue;
                    }
                    sub.emplace_back(child, child);
                }
                todo.insert(todo.begin() + long(k) + 1, sub.begin(), sub.end());
                continue;
            }
        }
        std::optional<std::string> t;
        if (f == "-") {
            t = ctx.stdin_text();
        } else {
            std::string p = ctx.path(f);
            Result<Stat> st = ctx.c.stat(p);
            if (st && st->type == EntryType::dir) {
                if (!g.s) ctx.errmsg(shown + ": Is a directory");
                err = true;
                continue;
            }
            Result<BlobId> b = ctx.c.read(p);
            if (!b && standin::stood_in_member(ctx, "grep", p, b.error().code,
                                               "search (its lines are not known: the match was assumed)")) {
                any = true;
                continue;
            }
            if (!b) {
                if (!g.s) ctx.errmsg(shown + ": " + errno_text(b.error().code));
                err = true;
                continue;
            }
            t = ctx.file_text(f, true);
        }
        if (!t) {
            err = true;
            continue;
        }
        if (grep_text(ctx, g, m, *t, f == "-" ? "(standard input)" : shown, prefix, out, any)) {
            ctx.out(out);
            return 0;
        }
        if (out.size() > (1 << 16)) {
            ctx.out(out);
            out.clear();
        }
    }
    ctx.out(out);
    if (g.q && any) return 0;
    if (err && !(g.q && any)) return 2;
    return any ? 0 : 1;
}

// ---------------------------------------------------------------- seq yes rev

int p_seq(Ctx& ctx) {
    std::string sep = "\n";
    bool width = false;
    std::vector<std::string> nums;
    for (size_t i = 1; i < ctx.argv.size(); ++i) {
        const std::string& a = ctx.argv[i];
        if (a == "-s" && i + 1 < ctx.argv.size()) {
            sep = ctx.argv[++i];
        } else if (a.rfind("-s", 0) == 0 && a.size() > 2 && !std::isdigit(static_cast<unsigned char>(a[2]))) {
            sep = a.substr(2);
        } else if (a == "-w") {
            width = true;
        } else {
            nums.push_back(a);
        }
    }
    if (nums.empty() || nums.size() > 3) {
        usage(ctx, "seq [-w] [-s SEP] [FIRST [INC]] LAST");
        return 1;
    }
    std::vector<double> v;
    int prec = 0;
    for (const std::string& s : nums) {
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (s.empty() || *end) {
            ctx.errmsg("invalid number '" + s + "'");
            return 1;
        }
        size_t dot = s.find('.');
        if (dot != std::string::npos) prec = std::max(prec, int(s.size() - dot - 1));
        v.push_back(d);
    }
    double first = 1, inc = 1, last = v.back();
    if (v.size() >= 2) first = v[0];
    if (v.size() == 3) inc = v[1];
    if (inc == 0) {
        ctx.errmsg("invalid increment '0'");  // busybox loops forever; refuse
        return 1;
    }
    std::string out;
    size_t wlen = 0;
    if (width) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", prec, last);
        wlen = std::strlen(buf);
    }
    uint64_t n = 0;
    for (double x = first; inc > 0 ? x <= last + 1e-9 : x >= last - 1e-9; x = first + inc * double(++n)) {
        if (!ctx.sh.charge(1)) return 1;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%0*.*f", int(wlen), prec, x);
        if (n) out += sep;
        out += buf;
        if (out.size() > (1 << 20)) {
            ctx.out(out);
            out.clear();
        }
    }
    if (n) out += "\n";
    ctx.out(out);
    return 0;
}

int p_yes(Ctx& ctx) {
    std::string word = "y";
    if (ctx.argv.size() > 1) {
        word.clear();
        for (size_t i = 1; i < ctx.argv.size(); ++i) word += (i > 1 ? " " : "") + ctx.argv[i];
    }
    SinkPtr out = ctx.fds.out[1];
    if (out && dynamic_cast<BufferSink*>(out.get())) {
        // Into a pipe: the reader would stop it (SIGPIPE); pipeline stages run
        // one after another here, so yes writes a generous 64 KiB and ends.
        std::string line = word + "\n";
        std::string s;
        while (s.size() < 65536) s += line;
        out->write(s);
        ctx.sh.note("yes: pipeline stages run one after another in layerlab, so `yes` wrote 64 KiB and stopped");
        return 0;
    }
    ctx.sh.abort_run("yes prints forever: the command never ends");
    return 1;
}

int p_rev(Ctx& ctx) {
    std::vector<std::string> files(ctx.argv.begin() + 1, ctx.argv.end());
    if (files.empty()) files.push_back("-");
    std::string out;
    int status = 0;
    for (const std::string& f : files) {
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) {
            status = 1;
            continue;
        }
        bool nl = true;
        std::vector<std::string_view> ls = lines_of(*t, &nl);
        for (size_t i = 0; i < ls.size(); ++i) {
            out.append(ls[i].rbegin(), ls[i].rend());
            if (i + 1 < ls.size() || nl) out += '\n';
        }
    }
    ctx.out(out);
    return status;
}

// ---------------------------------------------------------------- xargs

int p_xargs(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "n:I:0rtxs:L:d:E:P:ap", o, false,
                    {{"null", '0'}, {"no-run-if-empty", 'r'}, {"max-args", 'n'}, {"verbose", 't'}}))
        return 1;
    std::vector<std::string> cmd = o.operands;
    if (cmd.empty()) cmd.push_back("echo");
    std::optional<std::string> t = ctx.stdin_text();
    if (!t) return 1;
    std::vector<std::string> items;
    const std::string* repl = o.arg('I');
    if (o.has('0') || o.arg('d')) {
        char d = o.has('0') ? '\0' : (*o.arg('d'))[0];
        for (const std::string& s : split_char(*t, d))
            if (!s.empty()) items.push_back(s);
        if (!items.empty() && d != '\n' && items.back() == "\n") items.pop_back();
    } else if (repl || o.arg('L')) {
        for (std::string_view l : lines_of(*t)) {
            std::string s(l);
            size_t b = s.find_first_not_of(" \t");
            if (b == std::string::npos) continue;
            items.push_back(repl ? s.substr(b) : s);
        }
    } else {
        // whitespace-separated, with '', "" and backslash quoting
        std::string cur;
        bool have = false;
        for (size_t i = 0; i < t->size(); ++i) {
            char ch = (*t)[i];
            if (ch == '\'' || ch == '"') {
                size_t e = t->find(ch, i + 1);
                if (e == std::string::npos) {
                    ctx.errmsg("unmatched " + std::string(ch == '"' ? "double" : "single") + " quote");
                    return 1;
                }
                cur.append(*t, i + 1, e - i - 1);
                have = true;
                i = e;
            } else if (ch == '\\' && i + 1 < t->size()) {
                cur += (*t)[++i];
                have = true;
            } else if (ch == ' ' || ch == '\t' || ch == '\n') {
                if (have) items.push_back(cur);
                cur.clear();
                have = false;
            } else {
                cur += ch;
                have = true;
            }
        }
        if (have) items.push_back(cur);
    }
    if (const std::string* e = o.arg('E')) {
        auto it = std::find(items.begin(), items.end(), *e);
        items.erase(it, items.end());
    }
    size_t per = items.size();
    if (const std::string* n = o.arg('n')) per = size_t(std::max<int64_t>(1, parse_int(*n).value_or(1)));
    if (const std::string* l = o.arg('L')) per = size_t(std::max<int64_t>(1, parse_int(*l).value_or(1)));
    if (repl) per = 1;
    if (per == 0) per = 1;
    int status = 0;
    auto run = [&](std::vector<std::string> argv) {
        if (o.has('t')) {
            std::string line;
            for (size_t i = 0; i < argv.size(); ++i) line += (i ? " " : "") + argv[i];
            ctx.err(line + "\n");
        }
        int s = ctx.sh.run_command(std::move(argv), ctx.fds, {});
        if (s == 127 || s == 126) {
            status = s;
            return false;
        }
        if (s == 255) {
            ctx.errmsg(cmd[0] + ": exited with status 255; aborting");
            status = 124;
            return false;
        }
        if (s != 0) status = 123;
        return !ctx.stopped();
    };
    if (items.empty()) {
        if (o.has('r') || repl) return 0;
        run(cmd);
        return status;
    }
    for (size_t i = 0; i < items.size(); i += per) {
        std::vector<std::string> argv;
        if (repl) {
            for (const std::string& a : cmd) {
                std::string r = a;
                size_t pos = 0;
                while ((pos = r.find(*repl, pos)) != std::string::npos && !repl->empty()) {
                    r.replace(pos, repl->size(), items[i]);
                    pos += items[i].size();
                }
                argv.push_back(r);
            }
        } else {
            argv = cmd;
            for (size_t k = i; k < std::min(items.size(), i + per); ++k) argv.push_back(items[k]);
        }
        if (!run(std::move(argv))) break;
    }
    return status;
}

// ---------------------------------------------------------------- checksums

struct Md5 {
    uint32_t a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
    BlockBuffer<> framing;  // block_buffer.h: blocks and padding, as Sha256
    static uint32_t rol(uint32_t x, uint32_t c) { return (x << c) | (x >> (32 - c)); }
    void block(const uint8_t* p) {
        static constexpr uint32_t s[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                           5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                           4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                           6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
        static constexpr uint32_t K[64] = {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
        uint32_t M[16];
        for (int i = 0; i < 16; ++i)
            M[i] = uint32_t(p[i * 4]) | uint32_t(p[i * 4 + 1]) << 8 | uint32_t(p[i * 4 + 2]) << 16 |
                   uint32_t(p[i * 4 + 3]) << 24;
        uint32_t A = a0, B = b0, C = c0, D = d0;
        for (uint32_t i = 0; i < 64; ++i) {
            uint32_t F, g;
            if (i < 16) {
                F = (B & C) | (~B & D);
                g = i;
            } else if (i < 32) {
                F = (D & B) | (~D & C);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                F = B ^ C ^ D;
                g = (3 * i + 5) % 16;
            } else {
                F = C ^ (B | ~D);
                g = (7 * i) % 16;
            }
            F = F + A + K[i] + M[g];
            A = D;
            D = C;
            C = B;
            B = B + rol(F, s[i]);
        }
        a0 += A;
        b0 += B;
        c0 += C;
        d0 += D;
    }
    void update(const char* d, size_t n) {
        framing.update(d, n, [this](const uint8_t* p) { block(p); });
    }
    std::string hex() {
        framing.finish(false, [this](const uint8_t* p) { block(p); });  // MD5: length little-endian
        std::string out;
        char h[3];
        for (uint32_t v : {a0, b0, c0, d0})
            for (int i = 0; i < 4; ++i) {
                std::snprintf(h, sizeof h, "%02x", (v >> (8 * i)) & 0xff);
                out += h;
            }
        return out;
    }
};

struct Sha1 {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    BlockBuffer<> framing;  // block_buffer.h: blocks and padding, as Sha256
    static uint32_t rol(uint32_t x, uint32_t c) { return (x << c) | (x >> (32 - c)); }
    void block(const uint8_t* p) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = uint32_t(p[i * 4]) << 24 | uint32_t(p[i * 4 + 1]) << 16 | uint32_t(p[i * 4 + 2]) << 8 |
                   uint32_t(p[i * 4 + 3]);
        for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rol(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    void update(const char* d, size_t n) {
        framing.update(d, n, [this](const uint8_t* p) { block(p); });
    }
    std::string hex() {
        framing.finish(true, [this](const uint8_t* p) { block(p); });
        std::string out;
        char hx[9];
        for (uint32_t v : h) {
            std::snprintf(hx, sizeof hx, "%08x", v);
            out += hx;
        }
        return out;
    }
};

// SHA-512 (FIPS 180-4): 128-byte blocks, 64-bit words, a 128-bit length.
struct Sha512 {
    uint64_t h[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                     0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
    BlockBuffer<128> framing;  // block_buffer.h: 128-byte blocks, a 16-byte length
    static uint64_t ror(uint64_t x, int c) { return (x >> c) | (x << (64 - c)); }
    void block(const uint8_t* p) {
        static const uint64_t k[80] = {
            0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
            0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
            0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
            0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
            0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
            0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
            0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
            0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
            0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
            0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
            0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
            0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
            0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
            0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
            0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
            0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
            0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
            0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
            0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
            0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
        uint64_t w[80];
        for (int i = 0; i < 16; ++i) {
            w[i] = 0;
            for (int j = 0; j < 8; ++j) w[i] = (w[i] << 8) | p[i * 8 + j];
        }
        for (int i = 16; i < 80; ++i) {
            uint64_t s0 = ror(w[i - 15], 1) ^ ror(w[i - 15], 8) ^ (w[i - 15] >> 7);
            uint64_t s1 = ror(w[i - 2], 19) ^ ror(w[i - 2], 61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 80; ++i) {
            uint64_t t1 = hh + (ror(e, 14) ^ ror(e, 18) ^ ror(e, 41)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
            uint64_t t2 = (ror(a, 28) ^ ror(a, 34) ^ ror(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
    void update(const char* d, size_t n) {
        framing.update(d, n, [this](const uint8_t* p) { block(p); });
    }
    std::string hex() {
        framing.finish(true, [this](const uint8_t* p) { block(p); });
        std::string out;
        char hx[17];
        for (uint64_t v : h) {
            std::snprintf(hx, sizeof hx, "%016llx", static_cast<unsigned long long>(v));
            out += hx;
        }
        return out;
    }
};

std::string hash_blob(Ctx& ctx, const std::string& algo, BlobId b) {
    const BlobStore& blobs = ctx.c.store().blobs;
    if (algo == "sha256") return blobs.digest(b).hex();
    if (algo == "md5") {
        Md5 m;
        blobs.stream(b, [&](const char* d, size_t n) { m.update(d, n); });
        return m.hex();
    }
    if (algo == "sha512") {
        Sha512 s;
        blobs.stream(b, [&](const char* d, size_t n) { s.update(d, n); });
        return s.hex();
    }
    Sha1 s;
    blobs.stream(b, [&](const char* d, size_t n) { s.update(d, n); });
    return s.hex();
}

// One line of a checksum list: "HEX  NAME", "HEX *NAME" (binary mode), or
// (GNU) BSD's "SHA256 (NAME) = HEX"; false when the line is none of them.
bool sum_line(std::string_view l, size_t hexlen, const std::string& tag, bool gnu, std::string& want,
              std::string& name) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (gnu) {
        while (!l.empty() && (l[0] == ' ' || l[0] == '\t')) l.remove_prefix(1);
        if (l.rfind(tag + " (", 0) == 0) {  // --tag format
            size_t close = l.rfind(") = ");
            if (close == std::string_view::npos || close < tag.size() + 2) return false;
            name = std::string(l.substr(tag.size() + 2, close - tag.size() - 2));
            want = std::string(l.substr(close + 4));
            return want.size() == hexlen && want.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
        }
    }
    if (!gnu) {  // busybox: the hash is what comes before the first space, however long
        size_t sp = l.find(' ');
        if (sp == std::string_view::npos || sp == 0 || sp + 2 > l.size()) return false;
        want = std::string(l.substr(0, sp));
        name = std::string(l.substr(sp + 2));
        return !name.empty();
    }
    if (l.size() < hexlen + 2 || l[hexlen] != ' ') return false;
    want = std::string(l.substr(0, hexlen));
    if (want.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return false;
    size_t n = hexlen + 1;
    if (l[n] == ' ' || l[n] == '*') ++n;  // "  name" (text) or " *name" (binary)
    name = std::string(l.substr(n));
    return !name.empty();
}

// -c: GNU coreutils' checks and words (--strict, --ignore-missing, --quiet,
// --status, -w), or busybox's (-c -s -w, "N of M computed checksums").
int sum_check(Ctx& ctx, const std::string& algo, const Opts& o, const std::vector<std::string>& files,
              const std::function<bool(const std::string&, std::string&)>& digest_of) {
    const size_t hexlen = algo == "md5" ? 32 : algo == "sha1" ? 40 : algo == "sha256" ? 64 : 128;
    std::string tag = algo == "md5" ? "MD5" : algo;
    for (char& ch : tag) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    const bool status_only = o.has('s'), quiet = o.has('q') || status_only;
    int bad = 0, total = 0, unread = 0, improper = 0, verified = 0;
    std::string out;
    for (const std::string& f : files) {
        const std::string shown = f == "-" ? "'standard input'" : f;
        if (f != "-" && is_stand_in_file(ctx, f)) {
            // the list itself was downloaded: a placeholder holds no checksums
            ctx.sh.note("stand-in: " + ctx.name() + " -c " + f +
                        ": the checksum list is a layerlab placeholder for a download, so nothing was checked");
            ++verified;
            continue;
        }
        std::optional<std::string> t = read_input(ctx, f);
        if (!t) return 1;
        int lines_ok = 0, lineno = 0;
        for (std::string_view l : lines_of(*t)) {
            ++lineno;
            std::string want, name;
            if (!sum_line(l, hexlen, tag, ctx.gnu, want, name)) {
                ++improper;
                if (o.has('w'))
                    ctx.errmsg(ctx.gnu ? (f == "-" ? std::string("-") : f) + ": " + std::to_string(lineno) +
                                             ": improperly formatted " + tag + " checksum line"
                                       : std::string("invalid format"));
                continue;
            }
            ++lines_ok;
            ++total;
            for (char& ch : want) ch = char(std::tolower(static_cast<unsigned char>(ch)));
            if (is_stand_in_file(ctx, name)) {
                // a placeholder for a download: its checksum cannot match, and is not checked
                ++verified;
                if (!quiet) out += name + ": OK\n";
                ctx.sh.note("stand-in: " + ctx.name() + " -c did not check " + name +
                            ": it is a layerlab placeholder for a download, not the real file");
                continue;
            }
            if (ctx.gnu && !ctx.c.exists(ctx.path(name))) {
                if (o.has('i')) continue;  // --ignore-missing
                ctx.errmsg(name + ": No such file or directory");
                ++unread;
                if (!status_only) out += name + ": FAILED open or read\n";
                continue;
            }
            std::string got;
            ++verified;
            if (digest_of(name, got) && got == want) {
                if (!quiet) out += name + ": OK\n";
            } else {
                ++bad;
                if (!status_only) out += name + ": FAILED\n";
            }
        }
        if (ctx.gnu && lines_ok == 0) {
            ctx.out(out);
            out.clear();
            ctx.errmsg(shown + ": no properly formatted checksum lines found");
            return 1;
        }
    }
    ctx.out(out);
    auto plural = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    if (!ctx.gnu) {
        if (bad && !status_only)
            ctx.errmsg("WARNING: " + std::to_string(bad) + " of " + std::to_string(total) +
                       " computed checksums did NOT match");
        return bad ? 1 : 0;
    }
    if (!status_only) {
        if (improper) ctx.errmsg("WARNING: " + plural(improper, "line is", "lines are") + " improperly formatted");
        if (unread) ctx.errmsg("WARNING: " + plural(unread, "listed file", "listed files") + " could not be read");
        if (bad) ctx.errmsg("WARNING: " + plural(bad, "computed checksum", "computed checksums") + " did NOT match");
    }
    if (o.has('i') && verified == 0) {
        ctx.errmsg((files.empty() || files[0] == "-" ? std::string("'standard input'") : files[0]) +
                   ": no file was verified");
        return 1;
    }
    return bad || unread || (o.has('S') && improper) ? 1 : 0;
}

int p_sum(Ctx& ctx) {
    const std::string& n = ctx.name();
    std::string algo = n == "md5sum" ? "md5" : n == "sha1sum" ? "sha1" : n == "sha512sum" ? "sha512" : "sha256";
    Opts o;
    // busybox: -c -s -w (-b -t ignored); GNU coreutils: -b -c -t -w -z and long options
    // (the letters s q i S T below are layerlab's names for GNU's long-only options)
    if (ctx.gnu)
        for (size_t i = 1; i < ctx.argv.size(); ++i) {
            const std::string& a = ctx.argv[i];
            if (a == "--") break;
            if (a.size() < 2 || a[0] != '-' || a[1] == '-') continue;
            size_t bad = a.find_first_of("sqiST", 1);
            if (bad == std::string::npos) continue;
            ctx.errmsg(std::string("invalid option -- '") + a[bad] + "'");
            ctx.err("Try '" + n + " --help' for more information.\n");
            return 1;
        }
    const bool ok = ctx.gnu ? parse_opts(ctx, "cswbtqiSzT", o, true,
                                         {{"check", 'c'}, {"status", 's'}, {"warn", 'w'}, {"binary", 'b'},
                                          {"text", 't'}, {"quiet", 'q'}, {"ignore-missing", 'i'},
                                          {"strict", 'S'}, {"zero", 'z'}, {"tag", 'T'}})
                            : parse_opts(ctx, "cswbt", o, true);
    if (!ok) return 1;
    if (ctx.gnu)
        for (char only_check : {'q', 'i', 'S', 's', 'w'})
            if (o.has(only_check) && !o.has('c')) {
                const char* what = only_check == 'q' ? "--quiet" : only_check == 'i' ? "--ignore-missing"
                                   : only_check == 'S' ? "--strict" : only_check == 's' ? "--status" : "--warn";
                ctx.errmsg(std::string("the ") + what + " option is meaningful only when verifying checksums");
                ctx.err("Try '" + n + " --help' for more information.\n");
                return 1;
            }
    std::vector<std::string> files = o.operands;
    if (files.empty()) files.push_back("-");
    auto digest_of = [&](const std::string& f, std::string& hex) -> bool {
        std::optional<BlobId> b = ctx.file_blob(f);
        if (!b) return false;
        // hashing reads every byte: charge it before (a 100 GiB file stops here)
        if (!ctx.charge_bytes(ctx.c.store().blobs.size(*b))) return false;
        hex = hash_blob(ctx, algo, *b);
        return true;
    };
    if (o.has('c')) return sum_check(ctx, algo, o, files, digest_of);
    int status = 0;
    std::string out;
    for (const std::string& f : files) {
        std::string hex;
        if (!digest_of(f, hex)) {
            status = 1;
            continue;
        }
        if (ctx.gnu && o.has('T')) {  // --tag: BSD's form
            std::string tag = algo == "md5" ? "MD5" : algo;
            for (char& ch : tag) ch = char(std::toupper(static_cast<unsigned char>(ch)));
            out += tag + " (" + f + ") = " + hex + "\n";
            continue;
        }
        out += hex + (ctx.gnu && o.has('b') ? " *" : "  ") + f + "\n";
    }
    ctx.out(out);
    return status;
}

int p_base64(Ctx& ctx) {
    Opts o;
    if (!parse_opts(ctx, "dw:", o, true, {{"decode", 'd'}, {"wrap", 'w'}})) return 1;
    std::string f = o.operands.empty() ? "-" : o.operands[0];
    std::optional<std::string> t = read_input(ctx, f);
    if (!t) return 1;
    static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    if (o.has('d')) {
        uint32_t acc = 0;
        int bits = 0;
        for (char ch : *t) {
            const char* p = std::strchr(k, ch);
            if (ch == '=' || ch == '\n' || ch == '\r' || !p || ch == '\0') continue;
            acc = (acc << 6) | uint32_t(p - k);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += char((acc >> bits) & 0xff);
            }
        }
        ctx.out(out);
        return 0;
    }
    size_t wrap = 76;
    if (const std::string* w = o.arg('w')) wrap = size_t(std::max<int64_t>(0, parse_int(*w).value_or(76)));
    std::string enc;
    const std::string& s = *t;
    for (size_t i = 0; i < s.size(); i += 3) {
        uint32_t v = uint32_t(static_cast<unsigned char>(s[i])) << 16;
        if (i + 1 < s.size()) v |= uint32_t(static_cast<unsigned char>(s[i + 1])) << 8;
        if (i + 2 < s.size()) v |= uint32_t(static_cast<unsigned char>(s[i + 2]));
        enc += k[(v >> 18) & 63];
        enc += k[(v >> 12) & 63];
        enc += i + 1 < s.size() ? k[(v >> 6) & 63] : '=';
        enc += i + 2 < s.size() ? k[v & 63] : '=';
    }
    for (size_t i = 0; i < enc.size(); i += (wrap ? wrap : enc.size())) {
        out += enc.substr(i, wrap ? wrap : enc.size());
        out += '\n';
    }
    ctx.out(out);
    return 0;
}

}  // namespace

std::vector<ProgramDef> text_programs() {
    return {
        {"base64", p_base64}, {"cat", p_cat},       {"cut", p_cut},    {"egrep", p_grep},  {"fgrep", p_grep},
        {"grep", p_grep},     {"head", p_head},     {"md5sum", p_sum}, {"rev", p_rev},     {"seq", p_seq},
        {"sha1sum", p_sum},   {"sha256sum", p_sum}, {"sha512sum", p_sum}, {"sort", p_sort},  {"tail", p_tail},   {"tee", p_tee},
        {"tr", p_tr},         {"uniq", p_uniq},     {"wc", p_wc},      {"xargs", p_xargs}, {"yes", p_yes},
    };
}

}  // namespace ll::shell
