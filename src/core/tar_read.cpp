// tar_read.cpp: the layer tar reader (see tar.h) and the plain archive reader
// that OCI import uses for `docker save` tars and tarred OCI layouts (oci.h).
//
// Two layers of code:
//
//   walk()             the tar format: 512-byte headers (V7, ustar, GNU, star),
//                      checksums, octal and base-256 numbers, pax 'x'/'g'
//                      records, GNU 'L'/'K' long names, end-of-archive blocks.
//                      Yields one Member per real entry. Knows nothing of layers.
//   read_layer_tar()   the OCI layer rules on top: name normalization and the
//                      root-escape check, whiteouts, opaque markers, hard links.
//
// Behaviour follows Go's archive/tar plus Docker's pkg/archive (what `docker
// load`/`docker pull` run), noted where it matters:
//   - A archive may end without its two zero blocks at a block boundary (Go
//     returns io.EOF there); a lone zero block followed by data is an error;
//     anything after two zero blocks is ignored.
//   - Entries of "header-only" types (links, dirs, devices, fifos) have no data
//     blocks whatever their size field says (Go: isHeaderOnlyType).
//   - pax global headers ('g') are parsed and checked, then ignored, exactly as
//     Docker and containerd do ("PAX Global Extended Headers found and ignored").
//   - Names are cleaned lexically like filepath.Clean: "./a//b/" -> "a/b",
//     "/abs/x" -> "abs/x", "a/../b" -> "b", and a name that climbs above the
//     root ("../etc/passwd", "a/../../x") is refused with Errc::unsafe_path (Docker:
//     breakoutError "... is outside of ..."). The same rule holds for hard-link
//     targets.
//   - Symlink targets are stored as written, even "../../../etc/passwd" or
//     "/etc/shadow": inside a container they resolve against the container's own
//     root (view.h's resolve() clamps ".." at "/"), which is what runc and
//     containerd do. (Docker's legacy graph-driver extraction additionally
//     refuses relative targets that climb out of the layer; containerd and
//     buildah do not.)
//
// Index of this file (sections in order, marked "// ---- NAME"; the functions in each):
//   sources: MemorySource::MemorySource, MemorySource::size, MemorySource::read,
//            MemorySource::take, MemorySource::view, BlobSource::BlobSource, BlobSource::size,
//            BlobSource::read, BlobSource::take
//   header fields: cstr, parse_numeric, parse_decimal, parse_pax_time
//   walker: quote_name, Walker::Walker, Walker::run, Walker::where, Walker::is_zero,
//           Walker::round_up, Walker::fail, Walker::check_header, Walker::header_name,
//           Walker::parse_pax, Walker::apply_pax
//   names: clean_name, dirname_of, basename_of
//   layer: read_layer, read_layer_tar
//   ADD's walk: clamp_name, is_tar_header, walk_archive
//   plain archives: read_archive_files, resolve_archive_link
//   streamed archives: ArchiveStream::walker_check, ArchiveStream::walker_error, ArchiveStream::parse_group, ArchiveStream::feed,
//                      ArchiveStream::finish, ArchiveStream::aliases
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/image_stream.h"
#include "core/oci.h"
#include "core/tar.h"

namespace ll {

namespace {

constexpr size_t k_block = 512;
constexpr uint64_t k_max_meta = uint64_t(1) << 20;  // pax / GNU long-name data (Go: maxSpecialFileSize)

// ---------------------------------------------------------------- sources

// Where the archive bytes come from: memory, or a blob (possibly synthetic,
// e.g. a 9 GiB run of zeros that never exists in memory).
class Source {
public:
    virtual ~Source() = default;
    virtual uint64_t size() const = 0;
    virtual void read(uint64_t off, size_t n, char* out) const = 0;  // in range
    // A blob holding bytes [off, off+n).
    virtual BlobId take(BlobStore& blobs, uint64_t off, uint64_t n) const = 0;
};

class MemorySource final : public Source {
public:
    explicit MemorySource(std::string_view s) : m_s(s) {}
    uint64_t size() const override { return m_s.size(); }
    void read(uint64_t off, size_t n, char* out) const override { std::memcpy(out, m_s.data() + off, n); }
    BlobId take(BlobStore& blobs, uint64_t off, uint64_t n) const override {
        return blobs.bytes(std::string(m_s.substr(size_t(off), size_t(n))));
    }
    std::string_view view(uint64_t off, uint64_t n) const { return m_s.substr(size_t(off), size_t(n)); }

private:
    std::string_view m_s;
};

class BlobSource final : public Source {
public:
    BlobSource(const BlobStore& blobs, BlobId b) : m_blobs(blobs), m_b(b) {}
    uint64_t size() const override { return m_blobs.size(m_b); }
    void read(uint64_t off, size_t n, char* out) const override { m_blobs.read(m_b, off, n, out); }
    BlobId take(BlobStore& blobs, uint64_t off, uint64_t n) const override { return blobs.slice(m_b, off, n); }

private:
    const BlobStore& m_blobs;
    BlobId m_b;
};

// ---------------------------------------------------------------- header fields

std::string_view cstr(const char* p, size_t len) {
    const void* nul = std::memchr(p, 0, len);
    return {p, nul ? size_t(static_cast<const char*>(nul) - p) : len};
}

// Octal (Go parseOctal: leading/trailing spaces and NULs trimmed, stops at a
// NUL) or base-256 (first byte's high bit set; 0xff.. = negative).
bool parse_numeric(const char* f, size_t len, int64_t& out) {
    if (len > 0 && (uint8_t(f[0]) & 0x80)) {
        uint8_t inv = (uint8_t(f[0]) & 0x40) ? 0xff : 0x00;
        uint64_t x = 0;
        for (size_t i = 0; i < len; ++i) {
            uint8_t c = uint8_t(uint8_t(f[i]) ^ inv);
            if (i == 0) c &= 0x7f;
            if ((x >> 56) != 0) return false;
            x = (x << 8) | c;
        }
        if ((x >> 63) != 0) return false;
        out = inv ? ~int64_t(x) : int64_t(x);
        return true;
    }
    size_t b = 0, e = len;
    while (b < e && (f[b] == ' ' || f[b] == '\0')) ++b;
    while (e > b && (f[e - 1] == ' ' || f[e - 1] == '\0')) --e;
    std::string_view s = cstr(f + b, e - b);
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '7') return false;
        if (v >> 60) return false;
        v = v * 8 + uint64_t(c - '0');
    }
    if (v >> 63) return false;
    out = int64_t(v);
    return true;
}

bool parse_decimal(std::string_view s, int64_t& out) {
    if (s.empty()) return false;
    bool neg = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == s.size()) return false;
    uint64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        if (v > (uint64_t(INT64_MAX) - 9) / 10) return false;
        v = v * 10 + uint64_t(s[i] - '0');
    }
    out = neg ? -int64_t(v) : int64_t(v);
    return true;
}

// pax time "%d(.%d)?", possibly negative; seconds, rounded down (Go's Unix()).
bool parse_pax_time(std::string_view s, int64_t& out) {
    size_t dot = s.find('.');
    std::string_view secs = s.substr(0, dot);
    if (!parse_decimal(secs, out)) return false;
    if (dot == std::string_view::npos) return true;
    std::string_view frac = s.substr(dot + 1);
    bool nonzero = false;
    for (char c : frac) {
        if (c < '0' || c > '9') return false;
        if (c != '0') nonzero = true;
    }
    if (nonzero && !secs.empty() && secs[0] == '-') {
        if (out == INT64_MIN) return false;
        --out;
    }
    return true;
}

enum class Format : uint8_t { v7, ustar, gnu, star };

// ---------------------------------------------------------------- walker

struct Member {
    uint64_t number = 0;         // 1-based, real entries only
    uint64_t header_offset = 0;  // of the entry's own header
    std::string name;            // raw, as in the archive (after pax/GNU overrides)
    char type = '0';
    int64_t mode = 0, uid = 0, gid = 0, mtime = 0, size = 0;
    int64_t dev_major = 0, dev_minor = 0;
    std::string linkname;
    std::vector<Xattr> xattrs;
    uint64_t data_offset = 0;  // in the source
    uint64_t data_size = 0;    // 0 for header-only types
};

std::string quote_name(std::string_view n) {
    std::string s;
    size_t cut = std::min<size_t>(n.size(), 200);
    for (size_t i = 0; i < cut; ++i) {
        unsigned char c = static_cast<unsigned char>(n[i]);
        if (c < 0x20 || c == 0x7f) {
            static const char hex[] = "0123456789abcdef";
            s += "\\x";
            s += hex[c >> 4];
            s += hex[c & 15];
        } else {
            s += char(c);
        }
    }
    if (cut < n.size()) s += "...";
    return s;
}

class Walker {
public:
    Walker(const Source& src, std::string_view archive, const TarLimits& limits)
        : m_src(src), m_archive(archive), m_limits(limits) {}
    // For a piece of a longer archive (ArchiveStream): entries are numbered
    // after `entries` earlier ones and byte offsets counted from `offset`.
    void set_base(uint64_t entries, uint64_t offset) {
        m_base_number = entries;
        m_base_offset = offset;
    }

    // Calls fn(const Member&) -> Status for every real entry, in order.
    template <class Fn>
    Status run(Fn&& fn) {
        const uint64_t total = m_src.size();
        uint64_t pos = 0;
        uint64_t number = m_base_number;
        std::vector<std::pair<std::string, std::string>> pax;  // pending 'x' records
        bool have_pax = false;
        std::optional<std::string> long_name, long_link;
        char h[k_block];
        for (;;) {
            if (pos == total) {
                // Ends at a block boundary without the end-of-archive blocks:
                // Go's reader (so Docker) treats this as a normal end.
                if (have_pax || long_name || long_link)
                    return fail(number + 1, pos, "", "the archive ends right after an extended header");
                return {};
            }
            if (total - pos < k_block)
                return fail(number + 1, pos, "",
                            "truncated header: only " + std::to_string(total - pos) + " of 512 bytes");
            m_src.read(pos, k_block, h);
            if (is_zero(h)) {
                // End of archive: two zero blocks; whatever follows is ignored.
                if (have_pax || long_name || long_link)
                    return fail(number + 1, pos, "", "an extended header is followed by the end of the archive");
                if (total - pos < 2 * k_block) return {};  // one zero block, then EOF: Go accepts it
                char h2[k_block];
                m_src.read(pos + k_block, k_block, h2);
                if (is_zero(h2)) return {};
                return fail(number + 1, pos, "", "a single zero block is followed by more data (corrupt archive)");
            }
            Format fmt;
            if (Status st = check_header(h, number + 1, pos, fmt); !st) return st;

            char type = h[156];
            int64_t size = 0;
            if (!parse_numeric(h + 124, 12, size) || size < 0)
                return fail(number + 1, pos, header_name(h, fmt), "invalid size field");
            uint64_t usize = uint64_t(size);
            const uint64_t data_at = pos + k_block;

            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                if (usize > k_max_meta)
                    return make_error(Errc::too_large,
                                      where(number + 1, header_name(h, fmt)) + "extended header of " +
                                          std::to_string(usize) + " bytes (more than the 1 MiB limit)",
                                      SourceLoc{std::string(m_archive)});
                if (usize > total - data_at)
                    return fail(number + 1, pos, header_name(h, fmt),
                                "the archive ends inside an extended header (truncated)");
                std::string data(size_t(usize), '\0');
                if (usize) m_src.read(data_at, size_t(usize), data.data());
                pos = data_at + round_up(usize);
                if (pos > total)
                    return fail(number + 1, pos, "", "the archive ends inside the padding of an extended header");
                if (type == 'L' || type == 'K') {
                    std::string v(cstr(data.data(), data.size()));
                    if (v.size() > m_limits.max_path)
                        return make_error(Errc::too_large,
                                          where(number + 1, "") + "GNU long name of " + std::to_string(v.size()) +
                                              " bytes (more than the limit of " + std::to_string(m_limits.max_path) +
                                              ")",
                                          SourceLoc{std::string(m_archive)});
                    (type == 'L' ? long_name : long_link) = std::move(v);
                    continue;
                }
                std::vector<std::pair<std::string, std::string>> recs;
                if (Status st = parse_pax(data, recs, number + 1, pos - round_up(usize) - k_block); !st) return st;
                if (type == 'g') continue;  // parsed and checked, then ignored (as Docker/containerd)
                for (auto& r : recs) pax.push_back(std::move(r));
                have_pax = true;
                continue;
            }

            // A real entry.
            ++number;
            if (number > m_limits.max_entries)
                return make_error(Errc::too_large,
                                  "more than " + std::to_string(m_limits.max_entries) + " entries (the limit)",
                                  SourceLoc{std::string(m_archive)});
            Member m;
            m.number = number;
            m.header_offset = pos;
            m.name = header_name(h, fmt);
            m.linkname = std::string(cstr(h + 157, 100));
            m.type = type;
            bool ok = parse_numeric(h + 100, 8, m.mode) && parse_numeric(h + 108, 8, m.uid) &&
                      parse_numeric(h + 116, 8, m.gid) && parse_numeric(h + 136, 12, m.mtime);
            if (!ok) return fail(number, pos, m.name, "invalid numeric field (mode, uid, gid or mtime)");
            if (type == '3' || type == '4') {
                if (!parse_numeric(h + 329, 8, m.dev_major) || !parse_numeric(h + 337, 8, m.dev_minor))
                    return fail(number, pos, m.name, "invalid device numbers");
            }
            m.size = size;
            // pax records override the header; GNU long names override pax (as in Go).
            for (auto& [k, v] : pax)
                if (Status st = apply_pax(m, k, v); !st) return st;
            if (long_name) m.name = *long_name;
            if (long_link) m.linkname = *long_link;
            pax.clear();
            have_pax = false;
            long_name.reset();
            long_link.reset();
            if (m.type == '\0') {
                // V7 and old tars mark directories by a trailing slash only (Go: TypeRegA).
                m.type = (!m.name.empty() && m.name.back() == '/') ? '5' : '0';
            }
            if (m.size < 0) return fail(number, pos, m.name, "negative size");
            if (m.name.size() > m_limits.max_path)
                return make_error(Errc::too_large,
                                  where(number, m.name) + "name of " + std::to_string(m.name.size()) +
                                      " bytes (more than the limit of " + std::to_string(m_limits.max_path) + ")",
                                  SourceLoc{std::string(m_archive)});
            bool header_only =
                m.type == '1' || m.type == '2' || m.type == '3' || m.type == '4' || m.type == '5' || m.type == '6';
            m.data_size = header_only ? 0 : uint64_t(m.size);
            if (m.data_size > m_limits.max_entry_size)
                return make_error(Errc::too_large,
                                  where(number, m.name) + "declares " + std::to_string(m.data_size) + " bytes (" +
                                      format_bytes(m.data_size) + "), more than the limit of " +
                                      format_bytes(m_limits.max_entry_size),
                                  SourceLoc{std::string(m_archive)});
            m.data_offset = data_at;
            if (m.data_size > total - data_at)
                return fail(number, pos, m.name,
                            "truncated: declares " + std::to_string(m.data_size) + " bytes of data but only " +
                                std::to_string(total - data_at) + " remain");
            uint64_t next = data_at + round_up(m.data_size);
            if (next > total)
                return fail(number, pos, m.name, "truncated: the archive ends inside the padding after the data");
            if (Status st = fn(static_cast<const Member&>(m)); !st) return st;
            pos = next;
        }
    }

    std::string where(uint64_t number, std::string_view name) const {
        std::string s = "entry " + std::to_string(number);
        if (!name.empty()) s += " (" + quote_name(name) + ")";
        return s + ": ";
    }

private:
    static bool is_zero(const char* h) {
        for (size_t i = 0; i < k_block; ++i)
            if (h[i]) return false;
        return true;
    }
    static uint64_t round_up(uint64_t n) { return n + ((k_block - n % k_block) % k_block); }

    Error fail(uint64_t number, uint64_t offset, std::string_view name, std::string msg) const {
        std::string s = "entry " + std::to_string(number);
        if (!name.empty())
            s += " (" + quote_name(name) + ")";
        else
            s += " (header at byte " + std::to_string(offset + m_base_offset) + ")";
        return make_error(Errc::bad_tar, s + ": " + msg, SourceLoc{std::string(m_archive)});
    }

    Status check_header(const char* h, uint64_t number, uint64_t pos, Format& fmt) const {
        int64_t want = 0;
        if (!parse_numeric(h + 148, 8, want))
            return fail(number, pos, "", "not a tar header (the checksum field is not a number)");
        int64_t usum = 0, ssum = 0;
        for (size_t i = 0; i < k_block; ++i) {
            bool in_field = i >= 148 && i < 156;
            uint8_t c = in_field ? uint8_t(' ') : uint8_t(h[i]);
            usum += c;
            ssum += int8_t(c);
        }
        if (want != usum && want != ssum)
            return fail(number, pos, "",
                        "header checksum mismatch (stored " + std::to_string(want) + ", computed " +
                            std::to_string(usum) + "): corrupt or not a tar archive");
        std::string_view magic(h + 257, 6), version(h + 263, 2), trailer(h + 508, 4);
        if (magic == std::string_view("ustar\0", 6))
            fmt = trailer == std::string_view("tar\0", 4) ? Format::star : Format::ustar;
        else if (magic == "ustar " && version == std::string_view(" \0", 2))
            fmt = Format::gnu;
        else
            fmt = Format::v7;
        return {};
    }

    static std::string header_name(const char* h, Format fmt) {
        std::string name(cstr(h, 100));
        if (fmt == Format::ustar || fmt == Format::star) {
            std::string_view prefix = cstr(h + 345, fmt == Format::star ? 131 : 155);
            if (!prefix.empty()) name = std::string(prefix) + "/" + name;
        }
        return name;
    }

    // "%d %s=%s\n" records (POSIX pax; Go parsePAXRecord).
    Status parse_pax(std::string_view s, std::vector<std::pair<std::string, std::string>>& out, uint64_t number,
                     uint64_t at) const {
        while (!s.empty()) {
            size_t sp = s.find(' ');
            int64_t n = 0;
            if (sp == std::string_view::npos || sp == 0 || !parse_decimal(s.substr(0, sp), n) || n <= int64_t(sp) ||
                uint64_t(n) > s.size())
                return fail(number, at, "", "malformed pax record (bad length)");
            std::string_view rec = s.substr(sp + 1, size_t(n) - sp - 1);
            s.remove_prefix(size_t(n));
            if (rec.empty() || rec.back() != '\n') return fail(number, at, "", "malformed pax record (no newline)");
            rec.remove_suffix(1);
            size_t eq = rec.find('=');
            if (eq == std::string_view::npos || eq == 0) return fail(number, at, "", "malformed pax record (no key)");
            std::string_view key = rec.substr(0, eq), value = rec.substr(eq + 1);
            if (key.find('\0') != std::string_view::npos) return fail(number, at, "", "pax key contains a NUL byte");
            if ((key == "path" || key == "linkpath" || key == "uname" || key == "gname") &&
                value.find('\0') != std::string_view::npos)
                return fail(number, at, "", "pax " + std::string(key) + " contains a NUL byte");
            out.emplace_back(std::string(key), std::string(value));
        }
        return {};
    }

    Status apply_pax(Member& m, const std::string& k, const std::string& v) const {
        auto bad = [&](std::string what) {
            return make_error(Errc::bad_tar,
                              where(m.number, m.name) + "invalid pax " + what + " '" + quote_name(v) + "'",
                              SourceLoc{std::string(m_archive)});
        };
        if (k == "path") {
            m.name = v;
        } else if (k == "linkpath") {
            m.linkname = v;
        } else if (k == "size") {
            if (!parse_decimal(v, m.size) || m.size < 0) return bad("size");
        } else if (k == "uid") {
            if (!parse_decimal(v, m.uid)) return bad("uid");
        } else if (k == "gid") {
            if (!parse_decimal(v, m.gid)) return bad("gid");
        } else if (k == "mtime") {
            if (!parse_pax_time(v, m.mtime)) return bad("mtime");
        } else if (k.rfind("SCHILY.xattr.", 0) == 0) {
            std::string name = k.substr(13);
            if (name.empty()) return bad("xattr name");
            auto it = std::find_if(m.xattrs.begin(), m.xattrs.end(), [&](const Xattr& x) { return x.name == name; });
            if (it != m.xattrs.end())
                it->value = v;
            else
                m.xattrs.push_back(Xattr{name, v});
        } else if (k.rfind("GNU.sparse.", 0) == 0) {
            return make_error(Errc::unsupported,
                              where(m.number, m.name) + "sparse files (GNU.sparse pax records) are not supported",
                              SourceLoc{std::string(m_archive)});
        }
        // atime, ctime, uname, gname, comment, charset, hdrcharset, vendor keys: not modelled.
        return {};
    }

    const Source& m_src;
    std::string_view m_archive;
    const TarLimits& m_limits;
    uint64_t m_base_number = 0, m_base_offset = 0;
};

// ---------------------------------------------------------------- names

// filepath.Clean + Docker's breakout check. Returns false when the name climbs
// above the root. `out` is relative, without leading/trailing slashes; "" = root.
bool clean_name(std::string_view name, std::string& out) {
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i < name.size()) {
        while (i < name.size() && name[i] == '/') ++i;
        size_t j = i;
        while (j < name.size() && name[j] != '/') ++j;
        std::string_view c = name.substr(i, j - i);
        i = j;
        if (c.empty() || c == ".") continue;
        if (c == "..") {
            if (parts.empty()) {
                // "/../x" is "/x" for a rooted name (Clean drops it); a relative
                // name that climbs out of the root is a breakout.
                if (!name.empty() && name[0] == '/') continue;
                return false;
            }
            parts.pop_back();
            continue;
        }
        parts.push_back(c);
    }
    out.clear();
    for (std::string_view p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    return true;
}

std::string_view dirname_of(std::string_view rel) {
    size_t s = rel.rfind('/');
    return s == std::string_view::npos ? std::string_view() : rel.substr(0, s);
}
std::string_view basename_of(std::string_view rel) {
    size_t s = rel.rfind('/');
    return s == std::string_view::npos ? rel : rel.substr(s + 1);
}

// ---------------------------------------------------------------- layer

Result<LayerPtr> read_layer(const Source& src, PathTable& paths, BlobStore& blobs, std::string_view archive,
                            const TarLimits& limits) {
    Walker w(src, archive, limits);
    LayerBuilder b(paths);
    uint32_t next_group = 1;
    std::string rel, link_rel;
    auto err = [&](Errc c, const Member& m, std::string msg) {
        return make_error(c, w.where(m.number, m.name) + msg, SourceLoc{std::string(archive)});
    };
    Status st = w.run([&](const Member& m) -> Status {
        if (!clean_name(m.name, rel))
            return err(Errc::unsafe_path, m, "the name leads outside the root ('..' climbs above '/')");
        // Every component must be a name the kernel accepts.
        for (size_t i = 0, j; i <= rel.size(); i = j + 1) {
            j = rel.find('/', i);
            if (j == std::string::npos) j = rel.size();
            if (j - i > 255) return err(Errc::too_large, m, "a path component is longer than 255 bytes");
        }
        // AUFS metadata (.wh..wh.plnk, .wh..wh.aufs, ...) is not content:
        // skip it, as Docker does; the opaque marker is the one exception.
        std::string_view base = basename_of(rel);
        bool meta = false;
        for (size_t i = 0, j; i < rel.size(); i = j + 1) {
            j = rel.find('/', i);
            if (j == std::string::npos) j = rel.size();
            if (rel.compare(i, 8, ".wh..wh.") == 0 && !(j == rel.size() && base == ".wh..wh..opq")) meta = true;
        }
        if (meta) return {};

        std::string_view dir = dirname_of(rel);
        if (base == ".wh..wh..opq") {
            if (dir.empty())
                return err(Errc::unsupported, m, "an opaque marker at the root of a layer is not supported");
            PathId d = paths.intern(dir);
            if (d == k_no_path) return err(Errc::bad_tar, m, "invalid directory name");
            b.mark_opaque(d);
            return {};
        }
        if (base.size() > 4 && base.substr(0, 4) == ".wh.") {
            std::string_view hidden = base.substr(4);
            if (hidden == "." || hidden == "..")
                return err(Errc::unsafe_path, m, "a whiteout may not name '.' or '..'");
            std::string target = dir.empty() ? std::string(hidden) : std::string(dir) + "/" + std::string(hidden);
            Entry e;
            e.path = paths.intern(target);
            if (e.path == k_no_path) return err(Errc::bad_tar, m, "invalid whiteout name");
            e.type = EntryType::whiteout;
            e.mode = 0;
            e.mtime = m.mtime;
            b.put(std::move(e));
            return {};
        }
        if (base == ".wh.") return err(Errc::bad_tar, m, "a whiteout with an empty name");

        if (rel.empty()) {
            // "./" or "/": the root itself is never part of a changeset.
            if (m.type == '5') return {};
            return err(Errc::bad_tar, m, "names the root directory but is not a directory");
        }
        if (m.uid < 0 || m.uid > int64_t(UINT32_MAX) || m.gid < 0 || m.gid > int64_t(UINT32_MAX))
            return err(Errc::bad_tar, m,
                       "uid or gid out of range (" + std::to_string(m.uid) + ":" + std::to_string(m.gid) + ")");
        Entry e;
        e.path = paths.intern(rel);
        if (e.path == k_no_path) return err(Errc::bad_tar, m, "invalid name");
        e.mode = uint32_t(m.mode) & k_mode_perm;
        e.uid = uint32_t(m.uid);
        e.gid = uint32_t(m.gid);
        e.mtime = m.mtime;
        e.xattrs = m.xattrs;
        std::sort(e.xattrs.begin(), e.xattrs.end(), [](const Xattr& a, const Xattr& c) { return a.name < c.name; });
        switch (m.type) {
        case '0':
        case '7':
            e.type = EntryType::file;
            e.blob = m.data_size ? src.take(blobs, m.data_offset, m.data_size) : k_empty_blob;
            break;
        case '1': {
            if (!clean_name(m.linkname, link_rel))
                return err(Errc::unsafe_path, m,
                           "hard link target '" + quote_name(m.linkname) + "' leads outside the root");
            PathId t = link_rel.empty() ? k_no_path : paths.find("/" + link_rel);
            Entry* target = t == k_no_path ? nullptr : b.find(t);
            if (target == nullptr || target->is_whiteout())
                return err(
                    Errc::bad_tar, m,
                    "hard link to '" + quote_name(m.linkname) + "', which is not an earlier entry of this layer");
            if (target->is_dir())
                return err(Errc::bad_tar, m, "hard link to a directory '" + quote_name(m.linkname) + "'");
            if (t == e.path) return err(Errc::bad_tar, m, "hard link to itself");
            // One inode, two names: the link shares everything with its target.
            if (target->type == EntryType::file && target->link_group == 0) target->link_group = next_group++;
            Entry copy = *target;
            copy.path = e.path;
            copy.opaque = false;
            b.put(std::move(copy));
            return {};
        }
        case '2':
            e.type = EntryType::symlink;
            e.target = m.linkname;
            if (e.target.empty()) return err(Errc::bad_tar, m, "symlink with an empty target");
            break;
        case '3':
        case '4':
            e.type = m.type == '3' ? EntryType::chardev : EntryType::blockdev;
            if (m.dev_major < 0 || m.dev_major > int64_t(UINT32_MAX) || m.dev_minor < 0 ||
                m.dev_minor > int64_t(UINT32_MAX))
                return err(Errc::bad_tar, m, "device numbers out of range");
            e.dev_major = uint32_t(m.dev_major);
            e.dev_minor = uint32_t(m.dev_minor);
            break;
        case '5': e.type = EntryType::dir; break;
        case '6': e.type = EntryType::fifo; break;
        case 'S': return err(Errc::unsupported, m, "GNU sparse files are not supported");
        default: {
            std::string t =
                (m.type >= 0x20 && m.type < 0x7f) ? std::string(1, m.type) : "\\x" + std::to_string(uint8_t(m.type));
            return err(Errc::unsupported, m, "unsupported entry type '" + t + "'");
        }
        }
        b.put(std::move(e));
        return {};
    });
    if (!st) return st.error();
    return b.freeze(blobs);
}

}  // namespace

Result<LayerPtr> read_layer_tar(std::string_view tar, PathTable& paths, BlobStore& blobs, std::string_view name,
                                const TarLimits& limits) {
    MemorySource src(tar);
    return read_layer(src, paths, blobs, name, limits);
}

Result<LayerPtr> read_layer_tar(BlobId tar, PathTable& paths, BlobStore& blobs, std::string_view name,
                                const TarLimits& limits) {
    BlobSource src(blobs, tar);
    return read_layer(src, paths, blobs, name, limits);
}

// ---------------------------------------------------------------- ADD's walk

namespace {

// filepath.Clean, then joined to "/" (the chroot's root): ".." stops at the root.
std::string clamp_name(std::string_view name) {
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i < name.size()) {
        while (i < name.size() && name[i] == '/') ++i;
        size_t j = i;
        while (j < name.size() && name[j] != '/') ++j;
        std::string_view c = name.substr(i, j - i);
        i = j;
        if (c.empty() || c == ".") continue;
        if (c == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.push_back(c);
    }
    std::string out;
    for (std::string_view p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    return out;
}

}  // namespace

bool is_tar_header(std::string_view block) {
    if (block.size() < k_block) return false;
    bool zero = true;
    for (size_t i = 0; i < k_block && zero; ++i) zero = block[i] == 0;
    if (zero) return false;
    int64_t want = 0;
    if (!parse_numeric(block.data() + 148, 8, want)) return false;
    int64_t usum = 0, ssum = 0;
    for (size_t i = 0; i < k_block; ++i) {
        const uint8_t c = (i >= 148 && i < 156) ? uint8_t(' ') : uint8_t(block[i]);
        usum += c;
        ssum += int8_t(c);
    }
    return want == usum || want == ssum;
}

Status walk_archive(BlobId tar, BlobStore& blobs, std::string_view name, const TarLimits& limits,
                    const std::function<Status(const ArchiveEntry&)>& fn) {
    BlobSource src(blobs, tar);
    Walker w(src, name, limits);
    return w.run([&](const Member& m) -> Status {
        auto err = [&](Errc c, std::string msg) {
            return make_error(c, w.where(m.number, m.name) + msg, SourceLoc{std::string(name)});
        };
        ArchiveEntry e;
        e.number = m.number;
        e.name = m.name;
        e.path = clamp_name(m.name);
        for (size_t i = 0, j; i < e.path.size(); i = j + 1) {
            j = e.path.find('/', i);
            if (j == std::string::npos) j = e.path.size();
            if (j - i > 255) return err(Errc::too_large, "a path component is longer than 255 bytes");
        }
        if (m.uid < 0 || m.uid > int64_t(UINT32_MAX) || m.gid < 0 || m.gid > int64_t(UINT32_MAX))
            return err(Errc::bad_tar,
                       "uid or gid out of range (" + std::to_string(m.uid) + ":" + std::to_string(m.gid) + ")");
        e.mode = uint32_t(m.mode) & k_mode_perm;
        e.uid = uint32_t(m.uid);
        e.gid = uint32_t(m.gid);
        e.mtime = m.mtime;
        e.xattrs = m.xattrs;
        switch (m.type) {
        case '0':
        case '7':
            e.type = EntryType::file;
            e.blob = m.data_size ? src.take(blobs, m.data_offset, m.data_size) : k_empty_blob;
            break;
        case '1':
            e.type = EntryType::file;
            e.hard_link = true;
            e.link_path = clamp_name(m.linkname);
            if (e.link_path.empty()) return err(Errc::bad_tar, "a hard link to the root directory");
            break;
        case '2':
            e.type = EntryType::symlink;
            e.target = m.linkname;
            if (e.target.empty()) return err(Errc::bad_tar, "symlink with an empty target");
            break;
        case '3':
        case '4':
            e.type = m.type == '3' ? EntryType::chardev : EntryType::blockdev;
            if (m.dev_major < 0 || m.dev_major > int64_t(UINT32_MAX) || m.dev_minor < 0 ||
                m.dev_minor > int64_t(UINT32_MAX))
                return err(Errc::bad_tar, "device numbers out of range");
            e.dev_major = uint32_t(m.dev_major);
            e.dev_minor = uint32_t(m.dev_minor);
            break;
        case '5': e.type = EntryType::dir; break;
        case '6': e.type = EntryType::fifo; break;
        case 'S': return err(Errc::unsupported, "GNU sparse files are not supported");
        default: {
            std::string t =
                (m.type >= 0x20 && m.type < 0x7f) ? std::string(1, m.type) : "\\x" + std::to_string(uint8_t(m.type));
            return err(Errc::unsupported, "unsupported entry type '" + t + "'");
        }
        }
        return fn(e);
    });
}

// ---------------------------------------------------------------- plain archives

Result<ArchiveFiles> read_archive_files(std::string_view tar, std::string_view name, const TarLimits& limits) {
    MemorySource src(tar);
    Walker w(src, name, limits);
    ArchiveFiles files;
    std::unordered_map<std::string, std::string> links;  // symlink path -> target (as written)
    std::string rel, link_rel;
    Status st = w.run([&](const Member& m) -> Status {
        auto err = [&](Errc c, std::string msg) {
            return make_error(c, w.where(m.number, m.name) + msg, SourceLoc{std::string(name)});
        };
        if (!clean_name(m.name, rel)) return err(Errc::unsafe_path, "the name leads outside the root");
        if (rel.empty()) return {};
        switch (m.type) {
        case '0':
        case '7':
            files.files[rel] = src.view(m.data_offset, m.data_size);
            links.erase(rel);
            return {};
        case '1': {
            if (!clean_name(m.linkname, link_rel))
                return err(Errc::unsafe_path, "hard link target leads outside the root");
            auto it = files.files.find(link_rel);
            if (it == files.files.end())
                return err(Errc::bad_tar,
                           "hard link to '" + quote_name(m.linkname) + "', which is not an earlier file");
            std::string_view data = it->second;
            files.files[rel] = data;
            return {};
        }
        case '2':
            links[rel] = m.linkname;
            files.files.erase(rel);
            return {};
        default: return {};  // directories and the rest carry no file contents
        }
    });
    if (!st) return st.error();
    // `docker save` writes a layer it already saved as a symlink to the first
    // copy ("../<id>/layer.tar"). Resolve such links inside the archive.
    for (const auto& [path, target] : links) {
        std::string to = resolve_archive_link(path, target, [&](const std::string& p) { return files.files.count(p) != 0; }, links);
        if (to.empty())
            files.dangling.push_back(path);
        else
            files.files[path] = files.files[to];
    }
    return files;
}

std::string resolve_archive_link(const std::string& path, const std::string& target,
                                 const std::function<bool(const std::string&)>& is_file,
                                 const std::unordered_map<std::string, std::string>& links) {
    std::string cur = path, tgt = target, rel;
    for (int hop = 0; hop < 16; ++hop) {
        std::string joined = tgt.size() && tgt[0] == '/' ? tgt : std::string(dirname_of(cur)) + "/" + tgt;
        if (!clean_name(joined, rel)) return "";
        if (is_file(rel)) return rel;
        auto l = links.find(rel);
        if (l == links.end()) return "";
        cur = rel;
        tgt = l->second;
    }
    return "";
}

// ---------------------------------------------------------------- streamed archives

ArchiveStream::ArchiveStream(std::string name, const TarLimits& limits) : m_name(std::move(name)), m_limits(limits) {}

// The Walker's verdict on what m_buf holds (a group cut short, or a bad
// header): its error, or ok when it finds none.
Status ArchiveStream::walker_check() const {
    MemorySource src(m_buf);
    Walker w(src, m_name, m_limits);
    w.set_base(m_entries, m_group_at);
    return w.run([](const Member&) -> Status { return {}; });
}
Status ArchiveStream::walker_error(std::string_view fallback) const {
    if (Status st = walker_check(); !st) return st;
    return make_error(Errc::bad_tar, std::string(fallback), SourceLoc{m_name});
}

// m_buf holds one whole entry (and its extended headers): the Walker reads it.
Status ArchiveStream::parse_group(const OnFile& fn) {
    MemorySource src(m_buf);
    Walker w(src, m_name, m_limits);
    w.set_base(m_entries, m_group_at);
    StreamedFile f;
    char type = 0;
    uint64_t data_at = 0, data_size = 0;
    std::string rel, link_rel, link_target;
    Status st = w.run([&](const Member& m) -> Status {
        auto err = [&](Errc c, std::string msg) {
            return make_error(c, w.where(m.number, m.name) + msg, SourceLoc{m_name});
        };
        if (!clean_name(m.name, rel)) return err(Errc::unsafe_path, "the name leads outside the root");
        type = m.type;
        data_at = m.data_offset;
        data_size = m.data_size;
        if (type == '1') {
            if (!clean_name(m.linkname, link_rel)) return err(Errc::unsafe_path, "hard link target leads outside the root");
            if (!m_files.count(link_rel))
                return err(Errc::bad_tar, "hard link to '" + quote_name(m.linkname) + "', which is not an earlier file");
        }
        link_target = m.linkname;
        return {};
    });
    if (!st) return st;
    ++m_entries;
    m_group_at += m_buf.size();
    std::string bytes;
    if (!rel.empty() && (type == '0' || type == '7')) {  // hand the data over without a copy
        m_buf.erase(0, size_t(data_at));
        m_buf.resize(size_t(data_size));
        bytes = std::move(m_buf);
    }
    m_buf = std::string();
    m_scan = 0;
    m_need = 512;
    m_entry = false;
    m_pax_size = -1;
    if (rel.empty()) return {};
    switch (type) {
    case '0':
    case '7':
    case '1':
        m_files.insert(rel);
        m_links.erase(rel);
        f.path = rel;
        if (type == '1') f.link_path = link_rel;
        return fn(f, std::move(bytes));
    case '2':
        m_links[rel] = link_target;
        m_files.erase(rel);
        return {};
    default: return {};
    }
}

Status ArchiveStream::feed(std::string_view bytes, const OnFile& fn) {
    m_in += bytes.size();
    while (!bytes.empty()) {
        if (m_end == 2) return {};  // after the two zero blocks: ignored, as Go does
        size_t take = size_t(std::min<uint64_t>(bytes.size(), m_need - m_buf.size()));
        m_buf.append(bytes.data(), take);
        bytes.remove_prefix(take);
        if (m_buf.size() < m_need) return {};
        if (m_entry) {
            if (Status st = parse_group(fn); !st) return st;
            continue;
        }
        if (m_end == 1) {  // the block after a zero block must be zero too
            const char* z = m_buf.data() + m_buf.size() - k_block;
            if (std::any_of(z, z + k_block, [](char c) { return c != 0; })) return walker_error("corrupt end of archive");
            m_end = 2;
            continue;
        }
        const char* h = m_buf.data() + m_scan;
        if (std::all_of(h, h + k_block, [](char c) { return c == 0; })) {
            if (m_scan > 0)  // after a pax 'g' header the end is fine; after 'x', 'L' or 'K' not
                if (Status st = walker_check(); !st) return st;
            m_end = 1;
            m_need += k_block;
            continue;
        }
        if (!is_tar_header(std::string_view(h, k_block))) return walker_error("not a tar header");
        int64_t size = 0;
        if (!parse_numeric(h + 124, 12, size) || size < 0) return walker_error("invalid size field");
        char type = h[156];
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            uint64_t usize = uint64_t(size);
            if (usize > k_max_meta) return walker_error("extended header too large");
            uint64_t end = m_scan + k_block + usize + ((k_block - usize % k_block) % k_block);
            if (m_buf.size() < end) {  // wait for the extended header's data
                m_need = end;
                continue;
            }
            if (type == 'x') {  // a 'size' record changes how much data the entry has
                std::string_view rec(m_buf.data() + m_scan + k_block, size_t(usize));
                for (size_t at = 0; at < rec.size();) {
                    size_t sp = rec.find(' ', at);
                    int64_t n = 0;
                    if (sp == std::string_view::npos || !parse_decimal(rec.substr(at, sp - at), n) || n <= 0 ||
                        at + uint64_t(n) > rec.size())
                        break;  // malformed: the Walker says so when the entry is read
                    std::string_view kv = rec.substr(sp + 1, at + size_t(n) - sp - 2);
                    if (kv.rfind("size=", 0) == 0 && !parse_decimal(kv.substr(5), m_pax_size)) m_pax_size = -1;
                    at += size_t(n);
                }
            }
            m_scan = size_t(end);
            m_need = m_scan + k_block;
            continue;
        }
        bool header_only = type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6';
        uint64_t data = header_only ? 0 : uint64_t(m_pax_size >= 0 ? m_pax_size : size);
        if (data > m_limits.max_entry_size) return walker_error("entry too large");
        m_entry = true;
        m_need = m_scan + k_block + data + ((k_block - data % k_block) % k_block);
        if (m_need <= (uint64_t(256) << 20)) m_buf.reserve(size_t(m_need));
        if (m_buf.size() >= m_need) {
            if (Status st = parse_group(fn); !st) return st;
        }
    }
    return {};
}

Status ArchiveStream::finish() {
    if (m_end != 0 || m_buf.empty()) return {};  // ended at a block boundary: Go accepts it
    return walker_error("the archive is cut short");
}

std::vector<std::pair<std::string, std::string>> ArchiveStream::aliases() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [path, target] : m_links) {
        std::string to = resolve_archive_link(path, target, [&](const std::string& p) { return m_files.count(p) != 0; }, m_links);
        if (!to.empty()) out.emplace_back(path, to);
    }
    return out;
}

}  // namespace ll
